using System.Text.Json.Nodes;

namespace Parley.Core.Wire.Schema;

/// <summary>The embedded schema bundle as JSON, for publishing it (the OpenAPI document) rather than validating.</summary>
public static class VapiSchemaBundle
{
    public static JsonObject Load()
    {
        using var stream = typeof(VapiSchemaBundle).Assembly.GetManifestResourceStream("Parley.Core.Wire.Schema.vapi-schemas.json")
                           ?? throw new InvalidOperationException("The embedded Vapi schema bundle is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
