using Parley.Core.Llm;
using Parley.Core.Llm.Testing;

namespace Parley.Providers.Tests.Llm;

public sealed class ScriptedChatModelTests
{
    [Fact]
    public async Task Turns_are_played_in_order_on_the_injected_clock_and_requests_are_recorded()
    {
        var time = new ManualTimeProvider();
        var model = new ScriptedChatModel(
        [
            ScriptedTurn.Text("Hello ", "there") with { FirstTokenDelay = TimeSpan.FromMilliseconds(100), TotalDuration = TimeSpan.FromMilliseconds(300) },
            ScriptedTurn.Calls(new ToolCall("c1", "lookup", "{\"q\":1}")),
        ], time);
        var start = time.GetUtcNow();
        var stamps = new List<(ChatDelta Delta, TimeSpan At)>();
        var run = Task.Run(async () =>
        {
            await foreach (var delta in model.StreamAsync(LlmTestKit.Hello(), CancellationToken.None)) stamps.Add((delta, time.GetUtcNow() - start));
        });
        await LlmTestKit.WaitForTimersAsync(time, TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        await LlmTestKit.WaitForTimersAsync(time, TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        await LlmTestKit.WaitForTimersAsync(time, TimeSpan.FromMilliseconds(100));
        time.Advance(TimeSpan.FromMilliseconds(100));
        await run;

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(300)], stamps.Select(s => s.At));
        Assert.Equal(new ChatTextDelta("Hello "), stamps[0].Delta);
        Assert.IsType<ChatCompleted>(stamps[2].Delta);

        var second = LlmTestKit.Answer(await LlmTestKit.CollectAsync(model, LlmTestKit.Hello() with { Temperature = 0.1 }));
        Assert.Equal([new ToolCall("c1", "lookup", "{\"q\":1}")], second.ToolCalls);
        Assert.Equal(ChatFinishReason.ToolCalls, second.Completed?.Reason);
        Assert.Equal([null, 0.1], model.Requests.Select(r => r.Temperature));
    }

    [Fact]
    public async Task Scripted_failure_ends_the_turn_and_an_exhausted_script_says_so()
    {
        var model = new ScriptedChatModel([ScriptedTurn.Text("par") with { Failure = new ChatFailed(ProviderFailureKind.Transient, 503, "down") }]);
        var first = await LlmTestKit.CollectAsync(model, LlmTestKit.Hello());
        Assert.Equal([new ChatTextDelta("par"), new ChatFailed(ProviderFailureKind.Transient, 503, "down")], first);
        var second = Assert.IsType<ChatFailed>(Assert.Single(await LlmTestKit.CollectAsync(model, LlmTestKit.Hello())));
        Assert.Contains("no turn left", second.Message);
    }
}
