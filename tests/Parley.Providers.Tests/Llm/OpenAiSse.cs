using System.Text.Json;

namespace Parley.Providers.Tests.Llm;

/// <summary>Builds OpenAI Chat Completions stream text exactly as the API frames it.</summary>
internal static class OpenAiSse
{
    public const string Done = "data: [DONE]\n\n";

    public static string Chunk(string deltaJson, string? finishReason = null) =>
        "data: {\"id\":\"chatcmpl-abc\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\"," +
        "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":" + deltaJson + ",\"logprobs\":null,\"finish_reason\":" +
        (finishReason is null ? "null" : Q(finishReason)) + "}],\"usage\":null}\n\n";

    public static string Role() => Chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
    public static string Text(string text) => Chunk("{\"content\":" + Q(text) + "}");
    public static string Finish(string reason) => Chunk("{}", reason);

    public static string ToolStart(int index, string id, string name) =>
        Chunk("{\"tool_calls\":[{\"index\":" + index + ",\"id\":" + Q(id) + ",\"type\":\"function\",\"function\":{\"name\":" + Q(name) + ",\"arguments\":\"\"}}]}");

    public static string ToolArgs(int index, string fragment) =>
        Chunk("{\"tool_calls\":[{\"index\":" + index + ",\"function\":{\"arguments\":" + Q(fragment) + "}}]}");

    public static string Usage(int prompt, int completion, int cached = 0) =>
        "data: {\"id\":\"chatcmpl-abc\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[]," +
        "\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) +
        ",\"prompt_tokens_details\":{\"cached_tokens\":" + cached + "}}}\n\n";

    public static string ErrorBody(string message, string type = "invalid_request_error") =>
        "{\"error\":{\"message\":" + Q(message) + ",\"type\":" + Q(type) + ",\"param\":null,\"code\":null}}";

    public static string Q(string s) => JsonSerializer.Serialize(s);
}
