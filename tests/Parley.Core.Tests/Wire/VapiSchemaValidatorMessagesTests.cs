using System.Text.Json.Nodes;
using Parley.Core.Wire.Schema;

namespace Parley.Core.Tests.Wire;

public class VapiSchemaValidatorMessagesTests
{
    static readonly VapiSchemaValidator Validator = VapiSchemaValidator.Shared;

    static IReadOnlyList<string> Errors(string schema, string json) =>
        Validator.Validate(schema, JsonNode.Parse(json));

    [Fact]
    public void Temperature_above_two_names_the_nested_path() =>
        Assert.Equal(["model.temperature must not be greater than 2"],
            Errors("CreateAssistantDTO", """{ "model": { "provider": "openai", "model": "gpt-4o", "temperature": 3 } }"""));

    [Fact]
    public void Number_below_minimum_is_reported() =>
        Assert.Equal(["maxDurationSeconds must not be less than 10"],
            Errors("CreateAssistantDTO", """{ "maxDurationSeconds": 5 }"""));

    [Fact]
    public void Long_name_reports_the_max_length() =>
        Assert.Equal(["name must be shorter than or equal to 40 characters"],
            Errors("CreateAssistantDTO", $$"""{ "name": "{{new string('x', 41)}}" }"""));

    [Fact]
    public void Numeric_string_is_not_a_number() =>
        Assert.Equal(["maxDurationSeconds must be a number conforming to the specified constraints"],
            Errors("CreateAssistantDTO", """{ "maxDurationSeconds": "600" }"""));

    [Fact]
    public void Unknown_enum_value_lists_the_allowed_values() =>
        Assert.Equal(["firstMessageMode must be one of the following values: assistant-speaks-first, assistant-speaks-first-with-model-generated-message, assistant-waits-for-user"],
            Errors("CreateAssistantDTO", """{ "firstMessageMode": "shout" }"""));

    [Fact]
    public void Unknown_top_level_property_should_not_exist() =>
        Assert.Equal(["property foo should not exist"], Errors("CreateAssistantDTO", """{ "foo": 1 }"""));

    [Fact]
    public void Unknown_nested_property_is_prefixed_with_its_parent_path() =>
        Assert.Equal(["model.property foo should not exist"],
            Errors("CreateAssistantDTO", """{ "model": { "provider": "openai", "model": "gpt-4o", "foo": true } }"""));

    [Fact]
    public void Unknown_voice_provider_is_one_error_listing_the_providers()
    {
        var message = Assert.Single(Errors("CreateAssistantDTO", """{ "voice": { "provider": "acme", "voiceId": "x" } }"""));
        Assert.StartsWith("voice.provider must be one of the following values: ", message);
        Assert.Contains("11labs", message);
        Assert.Contains("cartesia", message);
    }

    [Fact]
    public void Missing_discriminator_is_reported_like_an_unknown_one()
    {
        var message = Assert.Single(Errors("CreateAssistantDTO", """{ "transcriber": { "model": "nova-2" } }"""));
        Assert.StartsWith("transcriber.provider must be one of the following values: ", message);
        Assert.Contains("deepgram", message);
    }

    [Fact]
    public void Tool_name_must_match_the_pattern() =>
        Assert.Equal(["name must match /^[a-zA-Z0-9_-]{1,40}$/ regular expression"],
            Errors("CreateToolDTO", """{ "type": "apiRequest", "method": "GET", "url": "https://x", "name": "has space" }"""));

    [Fact]
    public void Empty_members_should_not_be_empty() =>
        Assert.Equal(["members should not be empty"], Errors("CreateSquadDTO", """{ "members": [] }"""));

    [Fact]
    public void Missing_members_must_be_an_array()
    {
        Assert.Equal(["members must be an array"], Errors("CreateSquadDTO", "{}"));
        Assert.Equal(["members must be an array"], Errors("CreateSquadDTO", """{ "members": "a" }"""));
    }

    [Fact]
    public void Missing_required_string_should_not_be_empty() =>
        Assert.Equal(["url should not be empty"], Errors("CreateToolDTO", """{ "type": "apiRequest", "method": "GET" }"""));

    [Fact]
    public void Wrong_type_for_a_string_must_be_a_string() =>
        Assert.Equal(["url must be a string"], Errors("CreateToolDTO", """{ "type": "apiRequest", "method": "GET", "url": 7 }"""));

    [Fact]
    public void Array_items_use_index_paths() =>
        Assert.Equal(["members.1.assistantId must be a string"],
            Errors("CreateSquadDTO", """{ "members": [ { "assistantId": "a" }, { "assistantId": 5 } ] }"""));

    [Fact]
    public void Every_offending_field_is_reported()
    {
        var errors = Errors("CreateAssistantDTO", """
        { "name": 1, "maxDurationSeconds": 99999, "foo": 1, "model": { "provider": "openai", "model": "gpt-4o", "temperature": -1 } }
        """);
        Assert.Equal(4, errors.Count);
        Assert.Contains("name must be a string", errors);
        Assert.Contains("maxDurationSeconds must not be greater than 43200", errors);
        Assert.Contains("property foo should not exist", errors);
        Assert.Contains("model.temperature must not be less than 0", errors);
    }

    [Fact]
    public void Null_is_accepted_where_the_spec_says_nullable() =>
        Assert.Equal([], Errors("CreateSquadDTO", """{ "members": [ { "assistantId": null } ] }"""));

    [Fact]
    public void Null_for_a_required_field_is_reported() =>
        Assert.Equal(["url should not be empty"], Errors("CreateToolDTO", """{ "type": "apiRequest", "method": "GET", "url": null }"""));

    [Fact]
    public void Integer_fields_reject_fractions_but_accept_whole_numbers()
    {
        const string template = """
        { "voice": { "provider": "cartesia", "voiceId": "v", "generationConfig": { "experimental": { "accentLocalization": VALUE } } } }
        """;
        Assert.Equal(["voice.generationConfig.experimental.accentLocalization must be an integer number"],
            Errors("CreateAssistantDTO", template.Replace("VALUE", "0.5")));
        Assert.Equal([], Errors("CreateAssistantDTO", template.Replace("VALUE", "1")));
    }

    [Fact]
    public void Untagged_union_accepts_any_member_and_reports_the_closest_one()
    {
        Assert.Equal([], Errors("CreateAssistantDTO", """{ "backgroundSound": "https://cdn.example.com/room.mp3" }"""));
        Assert.Equal(["backgroundSound must be one of the following values: off, office"],
            Errors("CreateAssistantDTO", """{ "backgroundSound": "not a url" }"""));
        // An object is the wrong kind for both string members, so the first member's type error stands.
        Assert.Equal(["backgroundSound must be a string"], Errors("CreateAssistantDTO", """{ "backgroundSound": {} }"""));
    }

    [Fact]
    public void Tool_update_may_repeat_but_not_change_the_type()
    {
        Assert.Equal([], Errors("UpdateToolDTO:function", """{ "type": "function", "async": true }"""));
        Assert.Equal(["type must be one of the following values: function"],
            Errors("UpdateToolDTO:function", """{ "type": "apiRequest" }"""));
    }

    [Fact]
    public void Phone_number_update_rejects_fields_of_another_provider() =>
        Assert.Equal(["property twilioAccountSid should not exist"],
            Errors("UpdatePhoneNumberDTO:vonage", """{ "twilioAccountSid": "AC1" }"""));

    [Fact]
    public void Nodes_built_in_code_are_checked_like_parsed_ones()
    {
        var body = new JsonObject
        {
            ["maxDurationSeconds"] = 5,
            ["model"] = new JsonObject { ["provider"] = "openai", ["model"] = "gpt-4o", ["temperature"] = 2.5m },
        };
        Assert.Equal(["maxDurationSeconds must not be less than 10", "model.temperature must not be greater than 2"],
            Validator.Validate("CreateAssistantDTO", body));
    }

    [Fact]
    public void Hooks_are_chosen_by_their_event_name()
    {
        Assert.Equal([], Errors("CreateAssistantDTO", """
        { "hooks": [ { "on": "customer.speech.timeout[timeoutSeconds=5]", "do": [ { "type": "say", "exact": "Still there?" } ] } ] }
        """));
        // A speech interruption cannot transfer, so the action is rejected by that hook's own action list.
        Assert.Equal(["hooks.0.do.0.type must be one of the following values: say, tool, message.add"],
            Errors("CreateAssistantDTO", """{ "hooks": [ { "on": "assistant.speech.interrupted", "do": [ { "type": "transfer" } ] } ] }"""));
    }

    [Fact]
    public void Call_ending_hooks_say_call_a_function_and_transfer_as_the_docs_show() =>
        Assert.Equal([], Errors("CreateAssistantDTO", """
        { "hooks": [ { "on": "call.ending",
            "filters": [ { "type": "oneOf", "key": "call.endedReason", "oneOf": ["pipeline-error"] } ],
            "do": [
              { "type": "say", "exact": "Let me transfer you." },
              { "type": "function", "function": { "name": "log_error" }, "async": true, "server": { "url": "https://example.com/api" } },
              { "type": "transfer", "destination": { "type": "sip", "sipUri": "sip:user@domain.com" } } ] } ] }
        """));

    [Fact]
    public void Call_ending_actions_are_still_checked_and_an_unknown_one_lists_every_action()
    {
        Assert.Equal(["hooks.0.do.0.type must be one of the following values: tool, message.add, say, function, transfer"],
            Errors("CreateAssistantDTO", """{ "hooks": [ { "on": "call.ending", "do": [ { "type": "hangup" } ] } ] }"""));
        Assert.Equal(["hooks.0.do.0.destination.type must be one of the following values: number, sip", "hooks.0.do.1.async must be a boolean value"],
            Errors("CreateAssistantDTO", """
            { "hooks": [ { "on": "call.ending", "do": [ { "type": "transfer", "destination": { "type": "email" } }, { "type": "function", "async": "yes" } ] } ] }
            """));
    }

    [Fact]
    public void Unknown_hook_event_lists_every_event_including_the_timeout_pattern()
    {
        var message = Assert.Single(Errors("CreateAssistantDTO", """{ "hooks": [ { "on": "call.starting", "do": [] } ] }"""));
        Assert.StartsWith("hooks.0.on must be one of the following values: call.ending, ", message);
        Assert.Contains("customer.speech.interrupted", message);
        Assert.Contains("customer\\.speech\\.timeout", message);
    }

    [Fact]
    public void Body_that_is_not_an_object_is_one_error() =>
        Assert.Equal(["body must be an object"], Errors("CreateAssistantDTO", "[1,2]"));

    [Fact]
    public void Unknown_schema_name_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => Validator.Validate("CreateNothingDTO", new JsonObject()));
}
