using Parley.Server.Api.Infrastructure;
using Parley.Server.Api.OpenApi;
using Parley.Server.Api.Resources;
using Parley.Server.Calls;

namespace Parley.Server.Api;

/// <summary>The API's table of contents: every resource at Vapi's root path, each group behind a bearer key.</summary>
public static class ApiRoutes
{
    public static void MapHealth(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

    public static void MapParleyApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApiDocument();
        app.MapGroup("/assistant").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapAssistants();
        app.MapGroup("/squad").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapSquads();
        app.MapGroup("/tool").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapTools();
        app.MapGroup("/phone-number").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapPhoneNumbers();
        app.MapGroup("/credential").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapCredentials();
        app.MapGroup("/call").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapCalls().MapRecordings();
        app.MapGroup("/chat").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapChats();
        app.MapGroup("/org").RequireRateLimiting(ApiRateLimiting.PolicyName).RequireApiKey().MapOrg();
    }
}
