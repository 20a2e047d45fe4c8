using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Tools.SchemaBundler;

/// <summary>Strips an OpenAPI schema down to the keywords the validator reads.</summary>
internal static partial class SchemaMinifier
{
    public static readonly List<string> Notes = [];

    static readonly HashSet<string> CopiedKeywords =
    [
        "type", "required", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern",
        "nullable", "maxItems", "minItems", "writeOnly",
    ];

    // "binary" only appears on multipart uploads; the rest are checked by the validator.
    static readonly HashSet<string> CheckedFormats = ["date-time", "uuid", "uri"];

    public static JsonNode Minify(JsonNode schema, string where)
    {
        if (schema is not JsonObject source) return schema.DeepClone();
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (value is null) continue;
            switch (key)
            {
                case "$ref":
                    result["$ref"] = RefName(value.GetValue<string>());
                    break;
                case "properties" when value is JsonObject props:
                    var kept = new JsonObject();
                    foreach (var (prop, propSchema) in props)
                        kept[prop] = Minify(propSchema!, $"{where}.{prop}");
                    result["properties"] = kept;
                    break;
                case "items" or "additionalProperties" when value is JsonObject:
                    result[key] = Minify(value, $"{where}[]");
                    break;
                case "additionalProperties":
                    result[key] = value.DeepClone();
                    break;
                case "oneOf" or "anyOf" or "allOf" when value is JsonArray members:
                    result[key] = new JsonArray(members.Select(m => (JsonNode?)Minify(m!, where)).ToArray());
                    break;
                case "discriminator":
                    result["discriminator"] = new JsonObject { ["propertyName"] = value["propertyName"]!.DeepClone() };
                    break;
                case "format":
                    if (CheckedFormats.Contains(value.GetValue<string>())) result["format"] = value.DeepClone();
                    break;
                case "description":
                    if (MarksSecret(value.GetValue<string>()) && !where.StartsWith("ToolCallResult", StringComparison.Ordinal))
                        result["writeOnly"] = true;
                    break;
                default:
                    if (CopiedKeywords.Contains(key)) result[key] = value.DeepClone();
                    break;
            }
        }
        return Simplify(result, where);
    }

    /// <summary>Removes OpenAPI wrapping that carries no validation meaning.</summary>
    static JsonObject Simplify(JsonObject schema, string where)
    {
        // NestJS swagger writes `{allOf:[{$ref}]}` to attach a description to a reference.
        if (schema["allOf"] is JsonArray { Count: 1 } single && single[0] is JsonObject only && only.Count == 1 && only["$ref"] != null)
        {
            schema.Remove("allOf");
            if (schema["oneOf"] == null) schema["$ref"] = only["$ref"]!.DeepClone();
            else Notes.Add($"{where}: oneOf and allOf together; kept the oneOf");
        }
        // class-validator `@IsIn(values, {each: true})` comes out as an enum on the array itself.
        if (schema["type"]?.GetValue<string>() == "array" && schema["enum"] is JsonArray values)
        {
            schema.Remove("enum");
            var items = schema["items"] as JsonObject ?? new JsonObject { ["type"] = "string" };
            items["enum"] = values.DeepClone();
            schema["items"] = items;
            Notes.Add($"array-level enum moved to items ({where})");
        }
        // e.g. AudioFormat.format is declared `type: object` with a string enum.
        if (schema["type"]?.GetValue<string>() == "object" && schema["enum"] is JsonArray names && names.All(n => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String))
        {
            schema["type"] = "string";
            Notes.Add($"object type with string enum made a string ({where})");
        }
        return schema;
    }

    public static string RefName(string reference) => reference[(reference.LastIndexOf('/') + 1)..];

    static bool MarksSecret(string description) => SecretWording().IsMatch(description);

    [GeneratedRegex(@"not returned|write-only", RegexOptions.IgnoreCase)]
    private static partial Regex SecretWording();
}
