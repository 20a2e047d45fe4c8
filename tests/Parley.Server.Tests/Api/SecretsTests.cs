using System.Net;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Api;

/// <summary>
/// Credential values and telephony secrets are write-only: encrypted at rest and masked in every response.
/// Server secrets are returned to the owning org (as seed 001 shows) but are encrypted at rest too.
/// </summary>
public abstract class SecretsTests(AppFixture fixture)
{
    [SkippableFact]
    public async Task Credential_keys_are_encrypted_at_rest_and_never_returned()
    {
        var app = fixture.App;
        const string key = "sk-live-secret-value-0123456789";
        var created = (await app.Client().PostJsonAsync("/credential", """{"provider":"openai","apiKey":"@key@","name":"prod"}""".Replace("@key@", key))).Expect(HttpStatusCode.Created);
        var id = created.Object["id"]!.GetValue<string>();

        Assert.DoesNotContain(key, created.Text);
        Assert.Equal("********6789", created.Object["apiKey"]!.GetValue<string>());
        Assert.DoesNotContain(key, (await app.Client().GetJsonAsync($"/credential/{id}")).Text);
        Assert.DoesNotContain(key, (await app.Client().GetJsonAsync("/credential")).Text);
        var raw = await app.RawBodyAsync(db => db.Credentials, id);
        Assert.DoesNotContain(key, raw);
        Assert.Contains("enc:v1:", raw);

        // A PATCH without the secret keeps it; a PATCH with a new one replaces it.
        (await app.Client().PatchJsonAsync($"/credential/{id}", """{"name":"renamed"}""")).Expect(HttpStatusCode.OK);
        Assert.Contains("enc:v1:", await app.RawBodyAsync(db => db.Credentials, id));
        var replaced = (await app.Client().PatchJsonAsync($"/credential/{id}", """{"apiKey":"sk-another-value-99998888"}""")).Expect(HttpStatusCode.OK);
        Assert.Equal("********8888", replaced.Object["apiKey"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Nested_authentication_plan_secrets_are_masked()
    {
        var app = fixture.App;
        var created = (await app.Client().PostJsonAsync("/credential",
            """{"provider":"custom-credential","authenticationPlan":{"type":"oauth2","url":"https://auth.example.com/token","clientId":"client-1","clientSecret":"client-secret-value-abcdef"}}"""))
            .Expect(HttpStatusCode.Created);
        Assert.DoesNotContain("client-secret-value-abcdef", created.Text);
        Assert.Equal("client-1", created.Object["authenticationPlan"]!["clientId"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Twilio_auth_token_is_write_only()
    {
        var app = fixture.App;
        var created = (await app.Client().PostJsonAsync("/phone-number",
            """{"provider":"twilio","number":"+15550003333","twilioAccountSid":"AC123","twilioAuthToken":"twilio-token-abcdef123456"}"""))
            .Expect(HttpStatusCode.Created);
        Assert.DoesNotContain("twilio-token-abcdef123456", created.Text);
        Assert.Equal("AC123", created.Object["twilioAccountSid"]!.GetValue<string>());
        Assert.DoesNotContain("twilio-token-abcdef123456", await app.RawBodyAsync(db => db.PhoneNumbers, created.Object["id"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Server_secrets_are_returned_to_the_owner_but_encrypted_at_rest()
    {
        var app = fixture.App;
        var created = (await app.Client().PostJsonAsync("/assistant",
            """{"name":"s","server":{"url":"https://hooks.example.com","secret":"webhook-secret-1"},"model":{"provider":"openai","model":"gpt-4o","tools":[{"type":"function","function":{"name":"f"},"server":{"url":"https://t.example.com","secret":"tool-secret-2"}}]}}"""))
            .Expect(HttpStatusCode.Created);
        var id = created.Object["id"]!.GetValue<string>();
        Assert.Equal("webhook-secret-1", created.Object["server"]!["secret"]!.GetValue<string>());
        Assert.Equal("tool-secret-2", created.Object["model"]!["tools"]![0]!["server"]!["secret"]!.GetValue<string>());

        var raw = await app.RawBodyAsync(db => db.Assistants, id);
        Assert.DoesNotContain("webhook-secret-1", raw);
        Assert.DoesNotContain("tool-secret-2", raw);
    }
}

public sealed class SqliteSecretsTests(SqliteAppFixture fixture) : SecretsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSecretsTests(PostgresAppFixture fixture) : SecretsTests(fixture), IClassFixture<PostgresAppFixture>;
