using Parley.Server.Api;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Calls;
using Parley.Server.Hosting;
using Parley.Server.Store;

var builder = WebApplication.CreateBuilder(args);
var options = ParleyOptions.FromConfiguration(builder.Configuration);

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

/// <summary>Entry point; partial so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
