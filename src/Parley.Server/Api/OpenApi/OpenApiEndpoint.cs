using System.Text.Json.Nodes;
using Parley.Core.Wire.Schema;
using Parley.Server.Api.Infrastructure;

namespace Parley.Server.Api.OpenApi;

/// <summary>
/// Serves <c>GET /openapi.json</c>: the operations of this server with Vapi's request schemas (the same ones
/// requests are validated against) as components. Built once, on first request.
/// </summary>
public static class OpenApiEndpoint
{
    private static readonly Lazy<JsonObject> Document = new(Build);

    public static void MapOpenApiDocument(this IEndpointRouteBuilder app) =>
        app.MapGet("/openapi.json", () => new JsonNodeResult(Document.Value));

    private static JsonObject Build()
    {
        var catalog = VapiSchemaCatalog.Shared;
        var schemas = (JsonObject)catalog.Components.DeepClone();
        // Union request schemas get valid component names ("UpdateToolDTO:apiRequest" → one oneOf "UpdateToolDTO").
        foreach (var union in new[] { "CreateToolDTO", "CreatePhoneNumberDTO", "CreateCredentialDTO" })
            schemas[union] = catalog.Named(union)!.DeepClone();
        foreach (var prefix in new[] { "UpdateToolDTO", "UpdatePhoneNumberDTO", "UpdateCredentialDTO" })
        {
            var members = catalog.RequestSchemaNames.Where(n => n.StartsWith(prefix + ":", StringComparison.Ordinal))
                .Select(n => catalog.Named(n)!["$ref"]?.ToString()).OfType<string>().Distinct()
                .Select(r => (JsonNode?)new JsonObject { ["$ref"] = r }).ToArray();
            schemas[prefix] = new JsonObject { ["oneOf"] = new JsonArray(members) };
        }
        var version = typeof(OpenApiEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        return OpenApiDocumentBuilder.Build(schemas, version);
    }
}
