using System.Text.Json.Nodes;
using Parley.Core.Wire.Schema;
using Parley.Server.Api.Infrastructure;

namespace Parley.Server.Api.OpenApi;

/// <summary>
/// Serves <c>GET /openapi.json</c>: the operations of this server with Vapi's request schemas (the same bundle
/// requests are validated against) as components. Built once, on first request.
/// </summary>
public static class OpenApiEndpoint
{
    private static readonly Lazy<JsonObject> Document = new(Build);

    public static void MapOpenApiDocument(this IEndpointRouteBuilder app) =>
        app.MapGet("/openapi.json", () => new JsonNodeResult(Document.Value));

    private static JsonObject Build()
    {
        var bundle = VapiSchemaBundle.Load();
        var schemas = new JsonObject();
        foreach (var (name, schema) in bundle)
        {
            var copy = schema!.DeepClone();
            RewriteReferences(copy);
            schemas[ComponentName(name)] = copy;
        }
        // Per-type update schemas ("UpdateToolDTO:apiRequest") are published as one oneOf each.
        foreach (var prefix in new[] { "UpdateToolDTO", "UpdatePhoneNumberDTO", "UpdateCredentialDTO" })
        {
            var members = bundle.Select(p => p.Key).Where(n => n.StartsWith(prefix + ":", StringComparison.Ordinal))
                .Select(n => (JsonNode?)new JsonObject { ["$ref"] = "#/components/schemas/" + ComponentName(n) }).ToArray();
            schemas[prefix] = new JsonObject { ["oneOf"] = new JsonArray(members) };
        }
        var version = typeof(OpenApiEndpoint).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        return OpenApiDocumentBuilder.Build(schemas, version);
    }

    /// <summary>Component names may not contain ':'; the bundle's per-type names use it.</summary>
    private static string ComponentName(string name) => name.Replace(':', '.');

    private static void RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.ToString() is { } target && !target.StartsWith('#'))
                    obj["$ref"] = "#/components/schemas/" + ComponentName(target);
                foreach (var (_, child) in obj.ToList()) RewriteReferences(child);
                break;
            case JsonArray array:
                foreach (var child in array) RewriteReferences(child);
                break;
        }
    }
}
