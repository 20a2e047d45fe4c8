using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Parley.Core.Wire.Schema;

/// <summary>
/// Vapi's component schemas, loaded once from the embedded OpenAPI document, with the fields older clients still
/// send patched back in, and the named request schemas the API validates against (unions such as
/// <c>CreateToolDTO</c>, per-type update schemas such as <c>UpdateToolDTO:apiRequest</c>).
/// </summary>
public sealed class VapiSchemaCatalog
{
    private readonly JsonObject _components;
    private readonly Dictionary<string, JsonObject> _named = new(StringComparer.Ordinal);

    public static VapiSchemaCatalog Shared { get; } = Load();

    private VapiSchemaCatalog(JsonObject document)
    {
        _components = document["components"]!["schemas"]!.AsObject();
        LegacyFields.Apply(_components);
        var paths = document["paths"]!.AsObject();

        foreach (var name in new[] { "CreateAssistantDTO", "UpdateAssistantDTO", "CreateSquadDTO", "UpdateSquadDTO", "CreateCallDTO",
                     "UpdateCallDTO", "CreateChatDTO", "UpdateOrgDTO" })
            _named[name] = Ref(name);

        AddUnion("CreateToolDTO", "UpdateToolDTO", RequestBody(paths, "/tool", "post"), RequestBody(paths, "/tool/{id}", "patch"), "type");
        AddUnion("CreatePhoneNumberDTO", "UpdatePhoneNumberDTO", RequestBody(paths, "/phone-number", "post"),
            RequestBody(paths, "/phone-number/{id}", "patch"), "provider");

        var createCredentials = _components.Where(c => c.Key.StartsWith("Create", StringComparison.Ordinal) && c.Key.EndsWith("CredentialDTO", StringComparison.Ordinal))
            .Select(c => (JsonNode?)Ref(c.Key)).ToArray();
        var updateCredentials = _components.Where(c => c.Key.StartsWith("Update", StringComparison.Ordinal) && c.Key.EndsWith("CredentialDTO", StringComparison.Ordinal))
            .Select(c => (JsonNode?)Ref(c.Key)).ToArray();
        AddUnion("CreateCredentialDTO", "UpdateCredentialDTO", new JsonObject { ["oneOf"] = new JsonArray(createCredentials) },
            new JsonObject { ["oneOf"] = new JsonArray(updateCredentials) }, "provider");
    }

    /// <summary>The component schemas (after legacy patches), keyed by name.</summary>
    public JsonObject Components => _components;

    /// <summary>The request schema names the API uses, e.g. <c>CreateToolDTO</c> and <c>UpdateToolDTO:function</c>.</summary>
    public IEnumerable<string> RequestSchemaNames => _named.Keys;

    public JsonObject? Named(string name) => _named.GetValueOrDefault(name);

    public JsonObject? Component(string name) => _components[name] as JsonObject;

    /// <summary>Resolves a <c>#/components/schemas/X</c> reference.</summary>
    public JsonObject? Resolve(string reference) =>
        reference.StartsWith("#/components/schemas/", StringComparison.Ordinal) ? Component(reference["#/components/schemas/".Length..]) : null;

    private void AddUnion(string createName, string updateName, JsonObject create, JsonObject update, string discriminator)
    {
        _named[createName] = new JsonObject
        {
            ["oneOf"] = create["oneOf"]!.DeepClone(),
            ["discriminator"] = new JsonObject { ["propertyName"] = discriminator },
        };
        foreach (var member in update["oneOf"]!.AsArray().OfType<JsonObject>())
        {
            var schema = Resolve(member["$ref"]!.GetValue<string>())!;
            foreach (var value in DiscriminatorValues(schema, discriminator))
                _named.TryAdd($"{updateName}:{value}", (JsonObject)member.DeepClone());
        }
        // A stored type with no update schema of its own (e.g. a legacy type) still gets one: its create schema.
        foreach (var member in create["oneOf"]!.AsArray().OfType<JsonObject>())
        {
            var schema = Resolve(member["$ref"]!.GetValue<string>())!;
            foreach (var value in DiscriminatorValues(schema, discriminator))
                _named.TryAdd($"{updateName}:{value}", (JsonObject)member.DeepClone());
        }
    }

    /// <summary>The values a union member's discriminator property may take (its enum).</summary>
    public static IEnumerable<string> DiscriminatorValues(JsonObject schema, string discriminator) =>
        (schema["properties"]?[discriminator]?["enum"] as JsonArray)?.Select(v => v?.ToString() ?? "").Where(v => v.Length > 0) ?? [];

    private static JsonObject RequestBody(JsonObject paths, string path, string method) =>
        paths[path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static VapiSchemaCatalog Load()
    {
        using var stream = typeof(VapiSchemaCatalog).Assembly.GetManifestResourceStream("vapi-openapi.json.gz")
                           ?? throw new InvalidOperationException("The embedded Vapi OpenAPI document is missing.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        return new VapiSchemaCatalog(JsonNode.Parse(gzip)!.AsObject());
    }
}
