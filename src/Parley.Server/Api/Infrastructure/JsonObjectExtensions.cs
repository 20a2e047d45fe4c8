using System.Text.Json.Nodes;

namespace Parley.Server.Api.Infrastructure;

/// <summary>Small typed reads over request and stored JSON.</summary>
public static class JsonObjectExtensions
{
    public static string? StringOrNull(this JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
