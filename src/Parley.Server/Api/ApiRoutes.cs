using Parley.Server.Api.Infrastructure;
using Parley.Server.Api.OpenApi;
using Parley.Server.Api.Resources;

namespace Parley.Server.Api;

/// <summary>The API's table of contents: every resource at Vapi's root path, each group behind a bearer key.</summary>
public static class ApiRoutes
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

    public static void MapParleyApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApiDocument();
        app.MapGroup("/assistant").RequireApiKey().MapAssistants();
        app.MapGroup("/squad").RequireApiKey().MapSquads();
        app.MapGroup("/tool").RequireApiKey().MapTools();
        app.MapGroup("/phone-number").RequireApiKey().MapPhoneNumbers();
        app.MapGroup("/credential").RequireApiKey().MapCredentials();
        app.MapGroup("/call").RequireApiKey().MapCalls();
        app.MapGroup("/org").RequireApiKey().MapOrg();
    }
}
