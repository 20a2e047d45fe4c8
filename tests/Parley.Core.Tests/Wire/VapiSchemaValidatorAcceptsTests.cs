using Parley.Core.Wire.Schema;

namespace Parley.Core.Tests.Wire;

public class VapiSchemaValidatorAcceptsTests
{
    static readonly VapiSchemaValidator Validator = VapiSchemaValidator.Shared;

    static void AssertValid(string schema, string json) =>
        Assert.Equal([], Validator.Validate(schema, SampleBodies.Parse(json)));

    [Fact]
    public void Api_request_tool_with_a_templated_header_value_is_accepted() =>
        AssertValid("CreateToolDTO", SampleBodies.ApiRequestToolWithTokenHeader);

    [Fact]
    public void Function_tool_with_user_json_schema_parameters_is_accepted() =>
        AssertValid("CreateToolDTO", SampleBodies.FunctionTool);

    [Fact]
    public void Full_assistant_with_plans_hooks_and_providers_is_accepted() =>
        AssertValid("CreateAssistantDTO", SampleBodies.FullAssistant);

    [Fact]
    public void Squad_with_members_and_assistant_destinations_is_accepted() =>
        AssertValid("CreateSquadDTO", SampleBodies.Squad);

    [Fact]
    public void Twilio_phone_number_is_accepted() =>
        AssertValid("CreatePhoneNumberDTO", SampleBodies.TwilioPhoneNumber);

    [Fact]
    public void Openai_api_key_credential_is_accepted() =>
        AssertValid("CreateCredentialDTO", SampleBodies.OpenAiCredential);

    [Fact]
    public void Custom_credential_with_bearer_plan_is_accepted() =>
        AssertValid("CreateCredentialDTO", SampleBodies.BearerCustomCredential);

    [Fact]
    public void Custom_credential_with_oauth2_plan_is_accepted() =>
        AssertValid("CreateCredentialDTO", SampleBodies.OAuthCustomCredential);

    [Fact]
    public void Websocket_call_with_variable_values_is_accepted() =>
        AssertValid("CreateCallDTO", SampleBodies.WebSocketCall);

    [Fact]
    public void Org_update_with_server_and_name_is_accepted() =>
        AssertValid("UpdateOrgDTO", """{ "name": "Acme", "server": { "url": "https://hooks.example.com", "secret": "x" } }""");

    [Fact]
    public void Chat_with_openai_style_messages_is_accepted() =>
        AssertValid("CreateChatDTO", """
        { "assistantId": "a1", "input": [ { "role": "system", "content": "Be brief." }, { "role": "user", "content": "Hi" } ] }
        """);

    [Fact]
    public void Every_requested_schema_name_is_bundled()
    {
        string[] names =
        [
            "CreateAssistantDTO", "UpdateAssistantDTO", "CreateSquadDTO", "UpdateSquadDTO", "CreateToolDTO",
            "UpdateToolDTO:function", "UpdateToolDTO:apiRequest", "UpdateToolDTO:transferCall", "UpdateToolDTO:endCall",
            "UpdateToolDTO:dtmf", "UpdateToolDTO:sms", "CreatePhoneNumberDTO", "UpdatePhoneNumberDTO:twilio",
            "CreateCredentialDTO", "UpdateCredentialDTO:openai", "UpdateCredentialDTO:custom-credential",
            "CreateCallDTO", "UpdateCallDTO", "CreateChatDTO", "UpdateOrgDTO",
        ];
        Assert.All(names, name => Assert.True(Validator.HasSchema(name), name));
        Assert.False(Validator.HasSchema("CreateNothingDTO"));
    }

    [Fact]
    public void Tool_union_covers_every_tool_type_of_the_spec()
    {
        var errors = Validator.Validate("CreateToolDTO", SampleBodies.Parse("""{ "type": "nope" }"""));
        var message = Assert.Single(errors);
        foreach (var type in new[] { "function", "apiRequest", "transferCall", "endCall", "dtmf", "sms", "code", "handoff", "mcp", "query", "sipRequest", "voicemail", "google.calendar.event.create", "slack.message.send" })
            Assert.Contains(type, message.Split(": ")[1].Split(", "));
    }
}
