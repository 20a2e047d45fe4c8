using System.Text.Json.Nodes;
using Parley.Core.Json;

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
            JsonRead.String(model?["provider"]) ?? "openai",
            JsonRead.String(model?["model"]) ?? "gpt-4o",
            JsonRead.Number(model?["temperature"]) ?? DefaultTemperature,
            JsonRead.Number(model?["maxTokens"]) is { } maxTokens ? (int)maxTokens : DefaultMaxTokens);
    }
}
