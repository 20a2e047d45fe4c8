using Parley.Server.Api;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Calls;
using Parley.Server.Hosting;
using Parley.Server.Store;

// Settings ship beside the binary; ./data is where the server was started (RunWorkingDirectory keeps that true for
// dotnet run), so the content root is the binary's folder, not the current one, unless one is asked for.
// Asked for the way the host reads it: the command line in any of its forms, or an ASPNETCORE_/DOTNET_ variable.
var contentRootGiven = new ConfigurationBuilder()
    .AddEnvironmentVariables("DOTNET_").AddEnvironmentVariables("ASPNETCORE_").AddCommandLine(args)
    .Build()[HostDefaults.ContentRootKey] is not null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = contentRootGiven ? null : AppContext.BaseDirectory,
});
ParleyOptions options;
try
{
    options = ParleyOptions.FromConfiguration(builder.Configuration);
}
catch (ParleyConfigurationException e)
{
    // Said plainly, with no stack trace: the fix is in the settings, not the code.
    Console.Error.WriteLine(e.Message);
    return 1;
}

Parley.Core.Calls.Transport.LiveCallThreadPool.Widen();
builder.ConfigureParleyHost(options);
builder.Services.AddParleyServices(options);

var app = builder.Build();
await StoreInitializer.InitializeAsync(app.Services);

app.UseParleyErrorHandling();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
app.UseRateLimiter();
app.MapHealth();
app.MapParleyApi();
app.MapLiveCalls();

app.Run();
return 0;

/// <summary>Entry point; partial so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
