using System.Text.Json.Nodes;
using Parley.Core.Llm;
using Parley.Core.Llm.Testing;

namespace Parley.Providers.Tests.Llm;

/// <summary>Small helpers shared by the LLM adapter tests.</summary>
internal static class LlmTestKit
{
    public static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<List<ChatDelta>> CollectAsync(IChatModel model, ChatRequest request, CancellationToken token = default)
    {
        var deltas = new List<ChatDelta>();
        await foreach (var delta in model.StreamAsync(request, token)) deltas.Add(delta);
        return deltas;
    }

    public static ChatAnswerBuilder Answer(IEnumerable<ChatDelta> deltas)
    {
        var answer = new ChatAnswerBuilder();
        foreach (var delta in deltas) answer.Add(delta);
        return answer;
    }

    public static ChatRequest Hello(string model = "test-model") => new()
    {
        Model = model,
        Messages = [ChatMessage.System("You are terse."), ChatMessage.User("Hi")],
    };

    public static ToolDefinition WeatherTool() => new("get_weather", "Weather for a city",
        JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")!.AsObject());

    /// <summary>Waits (in real time, briefly) until the fake clock has exactly these timers pending.</summary>
    public static async Task WaitForTimersAsync(ManualTimeProvider time, params TimeSpan[] due)
    {
        for (var i = 0; i < 2000 && !time.PendingDueTimes.SequenceEqual(due); i++) await Task.Delay(5);
        Assert.Equal(due, time.PendingDueTimes);
    }

    public static IProviderKeySource Keys(string? key) => new FixedKeySource(key);

    private sealed class FixedKeySource(string? key) : IProviderKeySource
    {
        public string? GetApiKey(string provider) => key;
    }
}
