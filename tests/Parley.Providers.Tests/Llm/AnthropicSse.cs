using System.Text.Json;

namespace Parley.Providers.Tests.Llm;

/// <summary>Builds Anthropic Messages stream text exactly as the API frames it (event: and data: lines).</summary>
internal static class AnthropicSse
{
    public static string Event(string name, string json) => $"event: {name}\ndata: {json}\n\n";

    public static string MessageStart(int inputTokens = 25) => Event("message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]," +
        "\"model\":\"claude-sonnet-4-5\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + inputTokens +
        ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");

    public static string Ping() => Event("ping", "{\"type\": \"ping\"}");

    public static string TextStart(int index) => Event("content_block_start",
        "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");

    public static string Text(int index, string text) => Event("content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + Q(text) + "}}");

    public static string ToolStart(int index, string id, string name) => Event("content_block_start",
        "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"tool_use\",\"id\":" + Q(id) +
        ",\"name\":" + Q(name) + ",\"input\":{}}}");

    public static string ToolArgs(int index, string partialJson) => Event("content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":" + Q(partialJson) + "}}");

    public static string Stop(int index) => Event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");

    public static string MessageDelta(string stopReason, int outputTokens) => Event("message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":" + Q(stopReason) + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + outputTokens + "}}");

    public static string MessageStop() => Event("message_stop", "{\"type\":\"message_stop\"}");

    public static string Error(string type, string message) => Event("error",
        "{\"type\":\"error\",\"error\":{\"type\":" + Q(type) + ",\"message\":" + Q(message) + "}}");

    public static string ErrorBody(string type, string message) =>
        "{\"type\":\"error\",\"error\":{\"type\":" + Q(type) + ",\"message\":" + Q(message) + "}}";

    public static string Q(string s) => JsonSerializer.Serialize(s);
}
