using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Parley.Core.Wire.Schema;

/// <summary>
/// Validates request JSON against Vapi's published request schemas (bundled by tools/SchemaBundler), with
/// class-validator style messages that name each offending field by path. Immutable after load, so thread-safe.
/// </summary>
public sealed class VapiSchemaValidator
{
    const string BundleResource = "Parley.Core.Wire.Schema.vapi-schemas.json";

    static readonly Lazy<VapiSchemaValidator> SharedInstance = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    readonly FrozenDictionary<string, SchemaNode> _schemas;

    VapiSchemaValidator(FrozenDictionary<string, SchemaNode> schemas) => _schemas = schemas;

    /// <summary>The validator over the bundle embedded in Parley.Core, loaded on first use.</summary>
    public static VapiSchemaValidator Shared => SharedInstance.Value;

    /// <summary>Every schema name the bundle holds (request roots and the schemas they reference).</summary>
    public IReadOnlyCollection<string> SchemaNames => _schemas.Keys;

    public bool HasSchema(string schemaName) => _schemas.ContainsKey(schemaName);

    /// <summary>Returns one message per problem, each starting with the field's path; empty when the body is valid.</summary>
    public IReadOnlyList<string> Validate(string schemaName, JsonNode? body) =>
        new ValidationRun().Run(Schema(schemaName), body);

    /// <summary>Paths of write-only secret values present in the body, e.g. "authenticationPlan.clientSecret".</summary>
    public IReadOnlyList<string> SecretPaths(string schemaName, JsonNode body) =>
        new SecretPathCollector().Collect(Schema(schemaName), body);

    internal static VapiSchemaValidator FromBundle(JsonObject bundle) =>
        new(new SchemaCompiler(bundle).CompileAll().ToFrozenDictionary(StringComparer.Ordinal));

    SchemaNode Schema(string schemaName) =>
        _schemas.TryGetValue(schemaName, out var schema)
            ? schema
            : throw new ArgumentException($"no request schema named '{schemaName}'", nameof(schemaName));

    static VapiSchemaValidator LoadEmbedded()
    {
        using var stream = typeof(VapiSchemaValidator).Assembly.GetManifestResourceStream(BundleResource)
            ?? throw new InvalidOperationException($"embedded resource {BundleResource} is missing");
        return FromBundle(JsonNode.Parse(stream)!.AsObject());
    }
}
