using System.Text.Json.Nodes;

namespace Parley.Core.Json;

/// <summary>Copies of chosen fields of an object, for messages that must carry no more than they name.</summary>
public static class JsonPick
{
    /// <summary>A new object with those of <paramref name="fields"/> that are strings in <paramref name="source"/>, in that order.</summary>
    public static JsonObject Strings(JsonNode? source, params string[] fields)
    {
        var picked = new JsonObject();
        foreach (var field in fields)
            if (JsonRead.String(source?[field]) is { } value) picked[field] = value;
        return picked;
    }
}
