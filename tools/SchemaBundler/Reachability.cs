using System.Text.Json.Nodes;

namespace Parley.Tools.SchemaBundler;

/// <summary>Keeps only the schemas reachable by $ref from the request roots.</summary>
internal static class Reachability
{
    public static JsonObject Keep(JsonObject schemas, IEnumerable<string> roots)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>(roots);
        while (queue.TryDequeue(out var name))
        {
            if (!seen.Add(name)) continue;
            var schema = schemas[name] ?? throw new InvalidOperationException($"missing schema {name}");
            foreach (var reference in References(schema)) queue.Enqueue(reference);
        }
        var kept = new JsonObject();
        foreach (var name in seen.Order(StringComparer.Ordinal)) kept[name] = schemas[name]!.DeepClone();
        return kept;
    }

    static IEnumerable<string> References(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is null) continue;
                    if (key == "$ref") yield return value.GetValue<string>();
                    else if (key == "mapping" && value is JsonObject mapping)
                        foreach (var (_, target) in mapping) yield return target!.GetValue<string>();
                    else if (key == "fallbacks" && value is JsonArray fallbacks)
                        foreach (var target in fallbacks) yield return target!.GetValue<string>();
                    else if (key is not "enum" and not "required")
                        foreach (var r in References(value)) yield return r;
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                    if (item != null) foreach (var r in References(item)) yield return r;
                break;
        }
    }
}
