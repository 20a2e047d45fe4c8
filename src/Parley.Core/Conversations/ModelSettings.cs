using System.Text.Json.Nodes;

namespace Parley.Core.Conversations;

/// <summary>The sampling settings of an assistant's <c>model</c> block.</summary>
public sealed record ModelSettings(string Provider, string Model, double? Temperature, int? MaxTokens)
{
    /// <summary>Vapi's documented defaults when the block leaves them out.</summary>
    public const double DefaultTemperature = 0.5;
    public const int DefaultMaxTokens = 250;

    public static ModelSettings From(JsonObject assistant)
    {
        var model = assistant["model"] as JsonObject;
        return new ModelSettings(
            model?["provider"]?.GetValue<string>() ?? "openai",
            model?["model"]?.GetValue<string>() ?? "gpt-4o",
            model?["temperature"] is JsonValue t && t.TryGetValue<double>(out var temperature) ? temperature : DefaultTemperature,
            model?["maxTokens"] is JsonValue m && m.TryGetValue<double>(out var maxTokens) ? (int)maxTokens : DefaultMaxTokens);
    }
}
