using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Parley.Core.Wire.Schema;

/// <summary>
/// Validates request JSON against Vapi's schemas the way Vapi's NestJS backend does (class-validator with
/// forbidNonWhitelisted): every problem is one message starting with the field's path, unknown properties are
/// errors, optional fields may be null, unions pick their member by discriminator. Thread-safe.
/// </summary>
public sealed class VapiSchemaValidator(VapiSchemaCatalog catalog)
{
    private const int MaxDepth = 64;
    private static readonly string[] DiscriminatorCandidates = ["type", "provider", "role", "operator"];
    private readonly ConcurrentDictionary<string, Regex?> _patterns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<JsonObject, JsonObject> _effective = new(ReferenceEqualityComparer.Instance);

    public static VapiSchemaValidator Shared { get; } = new(VapiSchemaCatalog.Shared);

    public bool HasSchema(string schemaName) => catalog.Named(schemaName) is not null;

    /// <summary>Every problem with the body, each starting with the offending field's path; empty when valid.</summary>
    public IReadOnlyList<string> Validate(string schemaName, JsonNode? body)
    {
        var schema = catalog.Named(schemaName) ?? throw new ArgumentException($"No request schema named {schemaName}.", nameof(schemaName));
        var errors = new List<string>();
        Check(body, schema, "", errors, 0);
        return errors;
    }

    private void Check(JsonNode? node, JsonObject rawSchema, string path, List<string> errors, int depth)
    {
        if (depth > MaxDepth)
        {
            errors.Add($"{Name(path)} is nested too deeply");
            return;
        }
        var schema = Effective(rawSchema);
        if (node is null)
        {
            if (schema["nullable"] is JsonValue n && n.GetValueKind() == JsonValueKind.True) return;
            errors.Add($"{Name(path)} should not be null");
            return;
        }

        if (schema["oneOf"] is JsonArray oneOf) { CheckUnion(node, schema, oneOf, path, errors, depth); return; }
        if (schema["anyOf"] is JsonArray anyOf) { CheckUnion(node, schema, anyOf, path, errors, depth); return; }

        var type = schema["type"]?.ToString();
        switch (type)
        {
            case "object":
                CheckObject(node, schema, path, errors, depth);
                break;
            case "array":
                CheckArray(node, schema, path, errors, depth);
                break;
            case "string":
                if (Kind(node) != JsonValueKind.String) errors.Add($"{Name(path)} must be a string");
                else CheckString(node.GetValue<string>(), schema, path, errors);
                break;
            case "number":
            case "integer":
                if (Kind(node) != JsonValueKind.Number)
                {
                    errors.Add(type == "integer" ? $"{Name(path)} must be an integer number" : $"{Name(path)} must be a number conforming to the specified constraints");
                    break;
                }
                CheckNumber(Json.JsonRead.Number(node)!.Value, schema, type == "integer", path, errors);
                break;
            case "boolean":
                if (Kind(node) is not (JsonValueKind.True or JsonValueKind.False)) errors.Add($"{Name(path)} must be a boolean value");
                break;
            default:
                if (schema["properties"] is JsonObject) CheckObject(node, schema, path, errors, depth);
                else if (schema["enum"] is JsonArray) CheckEnum(node, schema, path, errors);
                break;
        }
    }

    private void CheckObject(JsonNode node, JsonObject schema, string path, List<string> errors, int depth)
    {
        if (node is not JsonObject obj)
        {
            errors.Add($"{Name(path)} must be an object");
            return;
        }
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        if (schema["required"] is JsonArray required)
            foreach (var name in required.Select(r => r?.ToString()).OfType<string>())
                if (!obj.TryGetPropertyValue(name, out var value) || value is null)
                    errors.Add($"{Join(path, name)} should not be empty");

        foreach (var (key, value) in obj)
        {
            if (properties?[key] is JsonObject propertySchema)
            {
                // class-validator's @IsOptional: null on an optional field means "not set".
                if (value is null) continue;
                Check(value, propertySchema, Join(path, key), errors, depth + 1);
            }
            else if (additional is JsonObject additionalSchema)
            {
                if (value is not null) Check(value, additionalSchema, Join(path, key), errors, depth + 1);
            }
            else if (properties is not null && !(additional is JsonValue allowed && allowed.GetValueKind() == JsonValueKind.True))
            {
                errors.Add(path.Length == 0 ? $"property {key} should not exist" : $"{path}.property {key} should not exist");
            }
            // No declared properties and no additionalProperties: a free-form map (metadata, variableValues...).
        }
    }

    private void CheckArray(JsonNode node, JsonObject schema, string path, List<string> errors, int depth)
    {
        if (node is not JsonArray array)
        {
            errors.Add($"{Name(path)} must be an array");
            return;
        }
        if (Number(schema["minItems"]) is { } min && array.Count < min) errors.Add($"{Name(path)} must contain at least {Format(min)} elements");
        if (Number(schema["maxItems"]) is { } max && array.Count > max) errors.Add($"{Name(path)} must contain no more than {Format(max)} elements");
        if (schema["items"] is not JsonObject items) return;
        for (var i = 0; i < array.Count; i++)
            Check(array[i], items, Join(path, i.ToString(CultureInfo.InvariantCulture)), errors, depth + 1);
    }

    private void CheckString(string value, JsonObject schema, string path, List<string> errors)
    {
        if (schema["enum"] is JsonArray) { CheckEnum(JsonValue.Create(value), schema, path, errors); return; }
        if (Number(schema["minLength"]) is { } min && value.Length < min) errors.Add($"{Name(path)} must be longer than or equal to {Format(min)} characters");
        if (Number(schema["maxLength"]) is { } max && value.Length > max) errors.Add($"{Name(path)} must be shorter than or equal to {Format(max)} characters");
        if (schema["pattern"]?.ToString() is { Length: > 0 } pattern && Pattern(pattern) is { } regex)
        {
            bool matches;
            try { matches = regex.IsMatch(value); }
            catch (RegexMatchTimeoutException) { matches = false; }
            if (!matches) errors.Add($"{Name(path)} must match {Display(pattern)} regular expression");
        }
    }

    private static void CheckNumber(double value, JsonObject schema, bool integer, string path, List<string> errors)
    {
        if (integer && Math.Floor(value) != value) errors.Add($"{Name(path)} must be an integer number");
        if (schema["enum"] is JsonArray) { CheckEnum(JsonValue.Create(value), schema, path, errors); return; }
        if (Number(schema["minimum"]) is { } min && value < min) errors.Add($"{Name(path)} must not be less than {Format(min)}");
        if (Number(schema["maximum"]) is { } max && value > max) errors.Add($"{Name(path)} must not be greater than {Format(max)}");
    }

    private static void CheckEnum(JsonNode node, JsonObject schema, string path, List<string> errors)
    {
        var allowed = schema["enum"]!.AsArray();
        if (allowed.Any(a => JsonNode.DeepEquals(a, node))) return;
        errors.Add($"{Name(path)} must be one of the following values: {string.Join(", ", allowed.Select(a => a?.ToString() ?? "null"))}");
    }

    private void CheckUnion(JsonNode node, JsonObject schema, JsonArray members, string path, List<string> errors, int depth)
    {
        var resolved = members.OfType<JsonObject>().Select(m => (Raw: m, Schema: Effective(m))).ToList();
        var discriminator = schema["discriminator"]?["propertyName"]?.ToString() ?? DetectDiscriminator(resolved.Select(r => r.Schema).ToList());
        if (discriminator is not null && node is JsonObject obj)
        {
            var value = obj[discriminator] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            var member = value is null ? default : resolved.FirstOrDefault(r => VapiSchemaCatalog.DiscriminatorValues(r.Schema, discriminator).Contains(value));
            if (member.Schema is null)
            {
                var values = resolved.SelectMany(r => VapiSchemaCatalog.DiscriminatorValues(r.Schema, discriminator)).Distinct();
                errors.Add($"{Join(path, discriminator)} must be one of the following values: {string.Join(", ", values)}");
                return;
            }
            Check(node, member.Raw, path, errors, depth + 1);
            return;
        }

        List<string>? closest = null;
        foreach (var (raw, _) in resolved)
        {
            var attempt = new List<string>();
            Check(node, raw, path, attempt, depth + 1);
            if (attempt.Count == 0) return;
            if (closest is null || attempt.Count < closest.Count) closest = attempt;
        }
        if (closest is not null) errors.AddRange(closest);
    }

    /// <summary>A property every member pins to its own enum values (type, provider...), if there is one.</summary>
    private static string? DetectDiscriminator(List<JsonObject> members)
    {
        if (members.Count < 2) return null;
        foreach (var candidate in DiscriminatorCandidates)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var ok = members.All(m =>
            {
                var values = VapiSchemaCatalog.DiscriminatorValues(m, candidate).ToList();
                return values.Count > 0 && values.All(seen.Add);
            });
            if (ok) return candidate;
        }
        return null;
    }

    /// <summary>The schema with <c>$ref</c> followed and <c>allOf</c> folded into one object schema (cached).</summary>
    private JsonObject Effective(JsonObject schema) => _effective.GetOrAdd(schema, s =>
    {
        var current = s;
        for (var hops = 0; current["$ref"]?.ToString() is { } reference && hops < 16; hops++)
        {
            var target = catalog.Resolve(reference) ?? throw new InvalidOperationException($"Unresolvable schema reference {reference}.");
            var nullable = current["nullable"];
            current = target;
            if (nullable is not null && current["nullable"] is null)
            {
                current = (JsonObject)current.DeepClone();
                current["nullable"] = nullable.DeepClone();
            }
        }
        if (current["allOf"] is not JsonArray allOf) return current;

        var merged = new JsonObject();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var part in allOf.OfType<JsonObject>().Select(Effective).Append(current))
        {
            foreach (var (key, value) in part)
            {
                switch (key)
                {
                    case "allOf":
                        break;
                    case "properties" when value is JsonObject props:
                        foreach (var (name, prop) in props) properties[name] = prop?.DeepClone();
                        break;
                    case "required" when value is JsonArray req:
                        foreach (var r in req) required.Add(r?.DeepClone());
                        break;
                    default:
                        merged[key] = value?.DeepClone();
                        break;
                }
            }
        }
        if (properties.Count > 0) merged["properties"] = properties;
        if (required.Count > 0) merged["required"] = required;
        return merged;
    });

    /// <summary>Vapi's patterns are JavaScript literals (<c>/^[a-z]+$/</c>); translate once, with a match timeout.</summary>
    private Regex? Pattern(string pattern) => _patterns.GetOrAdd(pattern, p =>
    {
        var body = p;
        var options = RegexOptions.CultureInvariant;
        if (body.Length > 1 && body[0] == '/' && body.LastIndexOf('/') > 0)
        {
            var end = body.LastIndexOf('/');
            if (body[(end + 1)..].Contains('i')) options |= RegexOptions.IgnoreCase;
            body = body[1..end];
        }
        try { return new Regex(body, options, TimeSpan.FromMilliseconds(50)); }
        catch (ArgumentException) { return null; }
    });

    private static string Display(string pattern) => pattern.StartsWith('/') ? pattern : $"/{pattern}/";
    private static string Name(string path) => path.Length == 0 ? "body" : path;
    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind();
    private static double? Number(JsonNode? node) => Json.JsonRead.Number(node);
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
