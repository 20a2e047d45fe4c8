using System.Text.Json.Nodes;

namespace Parley.Tools.SchemaBundler;

/// <summary>
/// Writes an explicit value→member mapping on every oneOf whose members are references told apart by one
/// property's enum; the spec's own mappings are incomplete (the tool union omits `code`).
/// </summary>
internal static class DiscriminatorInference
{
    static readonly string[] PreferredProperties = ["type", "provider", "role", "on", "transport"];

    public static void Apply(JsonObject schemas)
    {
        foreach (var (_, schema) in schemas.ToList()) Visit(schema, schemas);
    }

    static void Visit(JsonNode? node, JsonObject schemas)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["oneOf"] is JsonArray members) Infer(obj, members, schemas);
                foreach (var (_, child) in obj.ToList()) Visit(child, schemas);
                break;
            case JsonArray array:
                foreach (var child in array) Visit(child, schemas);
                break;
        }
    }

    static void Infer(JsonObject union, JsonArray members, JsonObject schemas)
    {
        var names = members.Select(m => m?["$ref"]?.GetValue<string>()).ToList();
        if (names.Any(n => n == null) || names.Count == 0) return;
        var declared = union["discriminator"]?["propertyName"]?.GetValue<string>();
        var candidates = declared != null ? [declared] : PreferredProperties.Concat(CommonProperties(names!, schemas));
        foreach (var property in candidates.Distinct())
        {
            var mapping = new JsonObject();
            var ok = true;
            foreach (var name in names)
            {
                if (schemas[name!]?["properties"]?[property]?["enum"] is not JsonArray values) { ok = false; break; }
                foreach (var value in values)
                {
                    var key = value!.ToString();
                    if (mapping.ContainsKey(key)) { ok = false; break; }
                    mapping[key] = name;
                }
                if (!ok) break;
            }
            if (!ok) continue;
            union["discriminator"] = new JsonObject { ["propertyName"] = property, ["mapping"] = mapping };
            return;
        }
        if (declared == null && LooseTag(names!, schemas) is { } loose)
        {
            union["discriminator"] = loose;
            return;
        }
        if (declared != null)
        {
            union.Remove("discriminator");
            SchemaMinifier.Notes.Add($"declared discriminator '{declared}' does not separate {string.Join(",", names)}");
        }
    }

    /// <summary>
    /// Hooks are told apart by `on`, but one member (customer.speech.timeout[...]) has a pattern instead of an
    /// enum. Such members become fallbacks, tried by their pattern when no enum value matches.
    /// </summary>
    static JsonObject? LooseTag(List<string> names, JsonObject schemas)
    {
        foreach (var property in PreferredProperties)
        {
            var mapping = new JsonObject();
            var fallbacks = new JsonArray();
            foreach (var name in names)
            {
                var field = schemas[name]?["properties"]?[property];
                if (field?["enum"] is JsonArray values)
                {
                    foreach (var value in values)
                        if (!mapping.TryAdd(value!.ToString(), name)) return null;
                }
                else if (field?["pattern"] != null) fallbacks.Add(name);
                else { mapping = null; break; }
            }
            if (mapping is { Count: > 0 } && fallbacks.Count > 0)
                return new JsonObject { ["propertyName"] = property, ["mapping"] = mapping, ["fallbacks"] = fallbacks };
        }
        return null;
    }

    static IEnumerable<string> CommonProperties(List<string> names, JsonObject schemas) =>
        (schemas[names[0]]?["properties"] as JsonObject)?.Select(kv => kv.Key) ?? [];
}
