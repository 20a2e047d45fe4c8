using Parley.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Parley.Server.Tests.EndToEnd;

/// <summary>
/// The real server process driven by Vapi's official TypeScript server SDK (npm @vapi-ai/server-sdk 2.0.1):
/// create, get, list, update and delete of tools, assistants, squads, phone numbers, credentials and calls, and
/// a wrong key refused. The SDK parses every answer itself, so a shape it rejects fails the script.
/// </summary>
public sealed class VapiSdkEndToEndTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Vapi_server_sdk_drives_every_resource_of_a_real_server()
    {
        TestEnvironment.SkipUnless(NodeTooling.UnavailableReason);
        var scriptFolder = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "sdk-e2e");
        await NodeTooling.EnsureInstalledAsync(scriptFolder);

        await using var server = await ServerProcess.StartAsync();
        var (code, log) = await NodeTooling.Run("node", ["e2e.mjs"], scriptFolder, TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["PARLEY_URL"] = server.BaseUrl, ["PARLEY_KEY"] = server.PrivateKey });
        output.WriteLine(log);

        Assert.True(code == 0, $"SDK script failed ({code}):\n{log}\nserver output:\n{server.Output}");
        Assert.Contains("SDK e2e: 16 steps passed", log);
    }

    [Fact]
    public async Task First_start_prints_the_org_keys_and_a_restart_does_not()
    {
        await using var server = await ServerProcess.StartAsync();
        await server.WaitForOutputAsync("public API key:");
        Assert.Contains("private API key: (the value of PARLEY_BOOTSTRAP_KEY)", server.Output);
        Assert.Matches(@"public API key:\s+[0-9a-f-]{36}", server.Output);

        using var http = new HttpClient();
        var health = await http.GetAsync($"{server.BaseUrl}/health");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);

        await server.StopAsync();
        await using var restarted = await ServerProcess.StartAsync(dataDirectory: server.DataDirectory, privateKey: server.PrivateKey);
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.PrivateKey);
        var orgs = await http.GetAsync($"{restarted.BaseUrl}/org");
        Assert.Equal(System.Net.HttpStatusCode.OK, orgs.StatusCode);
        Assert.DoesNotContain("public API key:", restarted.Output);
    }
}
