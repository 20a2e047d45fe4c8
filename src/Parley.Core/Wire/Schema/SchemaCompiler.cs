using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Core.Text;

namespace Parley.Core.Wire.Schema;

/// <summary>Turns the bundle's JSON schemas into <see cref="SchemaNode"/> trees, once, at load.</summary>
internal sealed class SchemaCompiler(JsonObject bundle)
{
    readonly Dictionary<string, SchemaNode> _named = new(StringComparer.Ordinal);

    public Dictionary<string, SchemaNode> CompileAll()
    {
        foreach (var (name, _) in bundle) Named(name);
        return _named;
    }

    SchemaNode Named(string name)
    {
        if (_named.TryGetValue(name, out var existing)) return existing;
        if (bundle[name] is not JsonObject schema) throw new InvalidDataException($"schema bundle has no '{name}'");
        var node = new SchemaNode();
        _named[name] = node; // registered before filling so recursive references resolve to this instance
        Fill(node, schema);
        return node;
    }

    SchemaNode Compile(JsonNode? schema)
    {
        if (schema is not JsonObject obj) return new SchemaNode();
        if (obj.Count == 1 && obj["$ref"] is JsonValue reference) return Named(reference.GetValue<string>());
        var node = new SchemaNode();
        Fill(node, obj);
        return node;
    }

    void Fill(SchemaNode node, JsonObject schema)
    {
        foreach (var (key, value) in schema)
        {
            if (value is null) continue;
            switch (key)
            {
                case "$ref": node.Target = Named(value.GetValue<string>()); break;
                case "type": node.Types = KindOf(value.GetValue<string>()); break;
                case "nullable": node.Nullable = value.GetValue<bool>(); break;
                case "writeOnly": node.WriteOnly = value.GetValue<bool>(); break;
                case "properties": node.Properties = CompileProperties(value.AsObject()); break;
                case "required": node.Required = value.AsArray().Select(v => v!.GetValue<string>()).ToArray(); break;
                case "additionalProperties":
                    if (value is JsonObject extra) node.AdditionalSchema = Compile(extra);
                    else node.AdditionalAllowed = value.GetValue<bool>();
                    break;
                case "items": node.Items = Compile(value); break;
                case "minItems": node.MinItems = value.GetValue<int>(); break;
                case "maxItems": node.MaxItems = value.GetValue<int>(); break;
                case "minLength": node.MinLength = value.GetValue<int>(); break;
                case "maxLength": node.MaxLength = value.GetValue<int>(); break;
                case "minimum": node.Minimum = value.GetValue<double>(); break;
                case "maximum": node.Maximum = value.GetValue<double>(); break;
                case "format": node.Format = value.GetValue<string>(); break;
                case "enum": FillEnum(node, value.AsArray()); break;
                case "oneOf" or "anyOf": node.Union = value.AsArray().Select(Compile).ToArray(); break;
                case "allOf": node.AllOf = value.AsArray().Select(Compile).ToArray(); break;
                case "discriminator": FillDiscriminator(node, value.AsObject()); break;
                case "pattern":
                    if (JsRegex.FromLiteral(value.GetValue<string>()) is { } regex)
                        (node.Pattern, node.PatternText) = regex;
                    break;
            }
        }
    }

    Dictionary<string, SchemaNode> CompileProperties(JsonObject properties)
    {
        var compiled = new Dictionary<string, SchemaNode>(properties.Count, StringComparer.Ordinal);
        foreach (var (name, schema) in properties) compiled[name] = Compile(schema);
        return compiled;
    }

    void FillDiscriminator(SchemaNode node, JsonObject discriminator)
    {
        if (discriminator["mapping"] is not JsonObject mapping) return;
        node.DiscriminatorProperty = discriminator["propertyName"]!.GetValue<string>();
        node.DiscriminatorMapping = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var (value, target) in mapping) node.DiscriminatorMapping[value] = Named(target!.GetValue<string>());
        if (discriminator["fallbacks"] is JsonArray fallbacks)
            node.DiscriminatorFallbacks = fallbacks.Select(f => Named(f!.GetValue<string>())).ToArray();
        // Fallback members are listed by their pattern's prose form, e.g. "customer.speech.timeout[...]".
        var fallbackNames = discriminator["fallbacks"] is JsonArray names
            ? names.Select(n => bundle[n!.GetValue<string>()]?["properties"]?[node.DiscriminatorProperty]?["pattern"]?.GetValue<string>())
                .OfType<string>().Select(p => JsRegex.FromLiteral(p)?.Literal ?? p)
            : [];
        node.DiscriminatorValuesText = string.Join(", ", mapping.Select(kv => kv.Key).Concat(fallbackNames));
    }

    static void FillEnum(SchemaNode node, JsonArray values)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new List<double>();
        foreach (var value in values)
        {
            if (value is null) continue;
            if (value.GetValueKind() == JsonValueKind.Number) numbers.Add(value.GetValue<double>());
            else strings.Add(value.ToString());
        }
        node.StringEnum = strings;
        node.NumberEnum = numbers.ToArray();
        node.EnumText = string.Join(", ", values.Select(v => v is null ? "null"
            : v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>().ToString(CultureInfo.InvariantCulture) : v.ToString()));
    }

    static JsonKinds KindOf(string type) => type switch
    {
        "string" => JsonKinds.String,
        "number" => JsonKinds.Number,
        "integer" => JsonKinds.Integer,
        "boolean" => JsonKinds.Boolean,
        "object" => JsonKinds.Object,
        "array" => JsonKinds.Array,
        _ => JsonKinds.None,
    };
}
