var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();

/// <summary>Entry point; partial so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
