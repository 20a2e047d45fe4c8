using Parley.Core.Wire.Schema;

namespace Parley.Core.Tests.Wire;

public class VapiSchemaValidatorSecretPathsTests
{
    static readonly VapiSchemaValidator Validator = VapiSchemaValidator.Shared;

    [Fact]
    public void Api_key_of_a_credential_is_a_secret() =>
        Assert.Equal(["apiKey"], Validator.SecretPaths("CreateCredentialDTO", SampleBodies.Parse(SampleBodies.OpenAiCredential)));

    [Fact]
    public void Oauth2_client_secret_is_a_secret() =>
        Assert.Equal(["authenticationPlan.clientSecret"],
            Validator.SecretPaths("CreateCredentialDTO", SampleBodies.Parse(SampleBodies.OAuthCustomCredential)));

    [Fact]
    public void Bearer_token_is_a_secret() =>
        Assert.Equal(["authenticationPlan.token"],
            Validator.SecretPaths("CreateCredentialDTO", SampleBodies.Parse(SampleBodies.BearerCustomCredential)));

    [Fact]
    public void Twilio_phone_number_auth_token_is_a_secret() =>
        Assert.Equal(["twilioAuthToken"],
            Validator.SecretPaths("CreatePhoneNumberDTO", SampleBodies.Parse(SampleBodies.TwilioPhoneNumber)));

    [Fact]
    public void Sip_trunk_outbound_password_is_a_secret() =>
        Assert.Equal(["outboundAuthenticationPlan.authPassword"],
            Validator.SecretPaths("CreateCredentialDTO", SampleBodies.Parse("""
            { "provider": "byo-sip-trunk", "gateways": [ { "ip": "203.0.113.7" } ], "outboundAuthenticationPlan": { "authUsername": "u", "authPassword": "p" } }
            """)));

    [Fact]
    public void Server_secrets_inside_an_assistant_are_found() =>
        Assert.Equal(["serverUrlSecret", "server.secret"],
            Validator.SecretPaths("CreateAssistantDTO", SampleBodies.Parse("""
            { "serverUrlSecret": "a", "server": { "url": "https://x", "secret": "b" }, "name": "n" }
            """)));

    [Fact]
    public void Body_without_secrets_has_no_secret_paths() =>
        Assert.Empty(Validator.SecretPaths("CreateAssistantDTO", SampleBodies.Parse(SampleBodies.FullAssistant)));
}
