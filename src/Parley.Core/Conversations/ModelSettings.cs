using System.Text.Json.Nodes;
using Parley.Core.Json;

namespace Parley.Core.Conversations;

/// <summary>The sampling settings of an assistant's <c>model</c> block.</summary>
public sealed record ModelSettings(string Provider, string Model, double? Temperature, int? MaxTokens)
{
    /// <summary>Extra top-level request fields (custom-llm's metadata, call, customer, phoneNumber).</summary>
    public JsonObject? ExtraBody { get; init; }

    /// <summary>Vapi's documented defaults when the block leaves them out.</summary>
    public const double DefaultTemperature = 0.5;
    public const int DefaultMaxTokens = 250;

    public static ModelSettings From(JsonObject assistant) => From(assistant, null);

    /// <summary>The settings, with custom-llm's extras taken from the conversation when it is given.</summary>
    public static ModelSettings From(JsonObject assistant, ConversationContext? context)
    {
        var model = assistant["model"] as JsonObject;
        return new ModelSettings(
            JsonRead.String(model?["provider"]) ?? "openai",
            JsonRead.String(model?["model"]) ?? "gpt-4o",
            JsonRead.Number(model?["temperature"]) ?? DefaultTemperature,
            JsonRead.Number(model?["maxTokens"]) is { } maxTokens ? (int)maxTokens : DefaultMaxTokens)
        {
            ExtraBody = context is null ? null : CustomLlmExtras(model, context),
        };
    }

    /// <summary>
    /// custom-llm servers get the conversation's context beside the messages, per <c>metadataSendMode</c>:
    /// <c>variable</c> (default) sends metadata, call, phoneNumber and customer; <c>destructured</c> spreads the
    /// metadata keys at the top level instead; <c>off</c> sends nothing extra.
    /// </summary>
    private static JsonObject? CustomLlmExtras(JsonObject? model, ConversationContext context)
    {
        if (JsonRead.String(model?["provider"]) != "custom-llm") return null;
        var mode = JsonRead.String(model?["metadataSendMode"]) ?? "variable";
        if (mode == "off") return null;
        var extras = new JsonObject();
        var metadata = context.Assistant["metadata"] as JsonObject;
        if (mode == "destructured")
            foreach (var (key, value) in metadata ?? []) extras[key] = value?.DeepClone();
        else if (metadata is not null)
            extras["metadata"] = metadata.DeepClone();
        if ((context.Call ?? context.Chat) is { } record) extras[context.Call is not null ? "call" : "chat"] = record.DeepClone();
        if (context.PhoneNumber is not null) extras["phoneNumber"] = context.PhoneNumber.DeepClone();
        if (context.Customer is not null) extras["customer"] = context.Customer.DeepClone();
        return extras;
    }
}
