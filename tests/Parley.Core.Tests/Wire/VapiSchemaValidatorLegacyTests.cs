using System.Text.Json.Nodes;
using Parley.Core.Wire.Schema;

namespace Parley.Core.Tests.Wire;

public class VapiSchemaValidatorLegacyTests
{
    static readonly VapiSchemaValidator Validator = VapiSchemaValidator.Shared;

    static IReadOnlyList<string> Errors(string schema, string json) =>
        Validator.Validate(schema, JsonNode.Parse(json));

    const string LegacyAssistantFields = """
    {
      "serverUrl": "https://hooks.example.com/old",
      "serverUrlSecret": "legacy-secret",
      "silenceTimeoutSeconds": 30,
      "messagePlan": {
        "idleMessages": ["Are you still there?"],
        "idleMessageMaxSpokenCount": 2,
        "idleMessageResetCountOnUserSpeechEnabled": true,
        "idleTimeoutSeconds": 8,
        "silenceTimeoutMessage": "Goodbye."
      },
      "backchannelingEnabled": false,
      "backgroundDenoisingEnabled": true,
      "hipaaEnabled": false,
      "pciEnabled": false
    }
    """;

    [Theory]
    [InlineData("CreateAssistantDTO")]
    [InlineData("UpdateAssistantDTO")]
    [InlineData("AssistantOverrides")]
    public void Legacy_assistant_fields_are_accepted(string schema) =>
        Assert.Equal([], Errors(schema, LegacyAssistantFields));

    [Theory]
    [InlineData("CreateAssistantDTO")]
    [InlineData("UpdateAssistantDTO")]
    [InlineData("AssistantOverrides")]
    public void A_customer_endpointing_rule_may_be_typed_user_as_the_docs_write_it(string schema) =>
        Assert.Equal([], Errors(schema, """
        { "startSpeakingPlan": { "customEndpointingRules": [
            { "type": "assistant", "regex": "(phone|email|address)", "timeoutSeconds": 3.0 },
            { "type": "user", "regex": "\\d{3}-\\d{3}-\\d{4}", "timeoutSeconds": 2.0 } ] } }
        """));

    [Fact]
    public void A_user_endpointing_rule_is_checked_as_a_customer_rule_and_unknown_types_list_user()
    {
        Assert.Equal(["startSpeakingPlan.customEndpointingRules.0.regex must be a string"],
            Errors("CreateAssistantDTO", """{ "startSpeakingPlan": { "customEndpointingRules": [ { "type": "user", "regex": 5, "timeoutSeconds": 2 } ] } }"""));
        Assert.Equal(["startSpeakingPlan.customEndpointingRules.0.type must be one of the following values: assistant, customer, user, both"],
            Errors("CreateAssistantDTO", """{ "startSpeakingPlan": { "customEndpointingRules": [ { "type": "caller", "regex": "x", "timeoutSeconds": 2 } ] } }"""));
    }

    /// <summary>
    /// The docs' rule snippet is a fragment of startSpeakingPlan (its section's other snippets and the education example
    /// nest it there); Vapi's assistant has no such top-level field, so Parley answers as Vapi would.
    /// </summary>
    [Fact]
    public void Endpointing_rules_at_the_top_level_of_an_assistant_are_not_a_field() =>
        Assert.Equal(["property customEndpointingRules should not exist"],
            Errors("CreateAssistantDTO", """{ "customEndpointingRules": [ { "type": "user", "regex": "x", "timeoutSeconds": 2 } ] }"""));

    [Fact]
    public void Legacy_silence_timeout_keeps_its_old_range() =>
        Assert.Equal(["silenceTimeoutSeconds must not be greater than 3600"],
            Errors("CreateAssistantDTO", """{ "silenceTimeoutSeconds": 4000 }"""));

    [Fact]
    public void Legacy_message_plan_checks_its_fields()
    {
        var errors = Errors("CreateAssistantDTO", $$"""
        { "messagePlan": { "idleTimeoutSeconds": 2, "idleMessageMaxSpokenCount": 11, "idleMessages": ["{{new string('a', 1001)}}"], "extra": 1 } }
        """);
        Assert.Equal(
        [
            "messagePlan.idleTimeoutSeconds must not be less than 5",
            "messagePlan.idleMessageMaxSpokenCount must not be greater than 10",
            "messagePlan.idleMessages.0 must be shorter than or equal to 1000 characters",
            "messagePlan.property extra should not exist",
        ], errors);
    }

    [Fact]
    public void Server_secret_is_accepted_wherever_a_server_appears()
    {
        Assert.Equal([], Errors("CreateAssistantDTO", """{ "server": { "url": "https://x", "secret": "s" } }"""));
        Assert.Equal([], Errors("CreatePhoneNumberDTO", """{ "provider": "vonage", "number": "+1", "credentialId": "c", "server": { "url": "https://x", "secret": "s" } }"""));
        Assert.Equal(["server.secret must be a string"], Errors("UpdateOrgDTO", """{ "server": { "secret": 1 } }"""));
    }

    [Fact]
    public void Json_schema_accepts_value_default_and_any_extra_keyword() =>
        Assert.Equal([], Errors("CreateToolDTO", """
        {
          "type": "function",
          "function": {
            "name": "f",
            "parameters": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
                "when": { "type": "string", "default": "{{ now }}", "examples": ["today"], "x-ui": { "widget": "date" } },
                "fixed": { "type": "number", "value": 3, "minimum": 0 }
              }
            }
          }
        }
        """));

    [Fact]
    public void Json_schema_still_checks_its_declared_keywords() =>
        Assert.Equal(["function.parameters.properties.when.type must be one of the following values: string, number, integer, boolean, array, object"],
            Errors("CreateToolDTO", """
            { "type": "function", "function": { "name": "f", "parameters": { "type": "object", "properties": { "when": { "type": "date" } } } } }
            """));

    [Fact]
    public void Overrides_accept_every_assistant_field_plus_variable_values_and_appended_tools() =>
        Assert.Equal([], Errors("AssistantOverrides", """
        {
          "model": { "provider": "openai", "model": "gpt-4o" },
          "maxDurationSeconds": 60,
          "variableValues": { "any": { "shape": [1, "two"] } },
          "tools:append": [ { "type": "endCall" } ]
        }
        """));

    [Fact]
    public void Org_update_accepts_the_flat_server_fields_of_the_2024_spec() =>
        Assert.Equal([], Errors("UpdateOrgDTO", """{ "serverUrl": "https://hooks.example.com", "serverUrlSecret": "s" }"""));

    [Fact]
    public void Credential_provider_without_a_published_update_schema_gets_a_partial_one()
    {
        Assert.Equal([], Errors("UpdateCredentialDTO:tavus", """{ "name": "renamed" }"""));
        Assert.Equal(["apiKey should not be empty"], Errors("CreateCredentialDTO", """{ "provider": "tavus" }"""));
    }

    [Fact]
    public void Free_form_maps_accept_any_keys()
    {
        Assert.Equal([], Errors("CreateAssistantDTO", """{ "metadata": { "a": 1, "b": { "c": [true] } } }"""));
        Assert.Equal([], Errors("CreateAssistantDTO", """{ "server": { "url": "https://x", "headers": { "X-Anything": "1", "x-other": "2" } } }"""));
    }

    [Fact]
    public void Null_for_an_optional_field_is_accepted_as_class_validator_IsOptional_does() =>
        Assert.Equal([], Errors("UpdateAssistantDTO", """{ "voicemailMessage": null, "server": null }"""));
}
