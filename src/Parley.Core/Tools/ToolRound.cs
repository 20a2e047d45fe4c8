using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Conversations;
using Parley.Core.Llm;

namespace Parley.Core.Tools;

/// <summary>
/// Runs the tool calls of one model answer in parallel: rejection plan first, then the executor, with the tool's
/// request-start / request-response-delayed / request-complete / request-failed messages reported as they apply.
/// A configured request-complete (or request-failed) assistant message is spoken instead of asking the model again.
/// </summary>
public sealed class ToolRound(ToolCatalog catalog, IReadOnlyList<IToolExecutor> executors, IToolCallRules rules) : IToolRound
{
    public async Task<ToolRoundResult> RunAsync(IReadOnlyList<ToolCall> calls, ConversationContext context,
        ChannelWriter<ConversationEvent> events, CancellationToken cancellationToken)
    {
        var runs = calls.Select(call => RunOneAsync(call, context, events, cancellationToken)).ToArray();
        var outcomes = await Task.WhenAll(runs);

        var toolMessages = new List<ChatMessage>();
        var systemMessages = new List<string>();
        string? spoken = null;
        foreach (var (call, outcome, final) in outcomes)
        {
            toolMessages.Add(ChatMessage.ToolResult(call.Id, call.Name, ResultText(outcome)));
            await events.WriteAsync(new ToolCallCompleted(call, ResultText(outcome), outcome is not ToolSucceeded), cancellationToken);
            if (final is null) continue;
            if (final.Role == "system") systemMessages.Add(final.Content);
            else spoken = spoken is null ? final.Content : $"{spoken} {final.Content}";
        }
        return new ToolRoundResult(toolMessages, spoken, systemMessages);
    }

    /// <summary>What the model sees as the tool's result.</summary>
    public static string ResultText(ToolOutcome outcome) => outcome switch
    {
        ToolSucceeded s => s.Result,
        ToolFailed f => f.Error,
        ToolRejected r => $"The tool call was rejected and did not run: {r.Reason}",
        _ => "",
    };

    private async Task<(ToolCall Call, ToolOutcome Outcome, ToolMessage? Final)> RunOneAsync(ToolCall call, ConversationContext context,
        ChannelWriter<ConversationEvent> events, CancellationToken cancellationToken)
    {
        var tool = catalog.Find(call.Name);
        if (tool is null)
            return (call, new ToolFailed($"There is no tool named '{call.Name}'."), null);

        var arguments = ParseArguments(call.ArgumentsJson);
        if (arguments is null)
            return (call, new ToolFailed($"The arguments for '{call.Name}' are not a JSON object: {call.ArgumentsJson}"), null);

        if (Refusal(tool, context, out var executor) is { } refused) return (call, refused, null);

        var invocation = new ToolInvocation(call, arguments, tool);
        // Several request-start messages are variants: one is said.
        if (!tool.IsAsync && rules.Messages(tool, Rules.ToolMessageEvent.RequestStart, arguments, context) is { Count: > 0 } starts)
        {
            var start = ToolMessageVariants.Pick(starts, call.Id);
            // A blocking message is heard before the tool runs ("Transferring you now" before the line changes).
            var said = start.Blocking ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) : null;
            await Report(events, call, tool, start, cancellationToken, said);
            if (said is not null)
            {
                try
                {
                    await said.WaitOrCancelAsync(cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The message will never be heard (the voice failed): the tool does not run, and the model is told,
                    // while the round's other tools keep their results.
                    return (call, new ToolFailed($"The tool '{call.Name}' did not run: its request-start message could not be said."), null);
                }
            }
        }

        using var delayed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delayedMessages = tool.IsAsync ? [] : rules.Messages(tool, Rules.ToolMessageEvent.RequestResponseDelayed, arguments, context);
        // Messages with the same timing are variants of one update (one is said); different timings are staged updates.
        var delayTasks = delayedMessages.Where(m => m.TimingMilliseconds is > 0)
            .GroupBy(m => m.TimingMilliseconds)
            .Select(variants => SayWhenLateAsync(ToolMessageVariants.Pick(variants.ToList(), call.Id), call, tool, context.Clock, events, delayed.Token))
            .ToArray();

        ToolOutcome outcome;
        try
        {
            outcome = await ExecuteAsync(executor, invocation, context, cancellationToken);
        }
        finally
        {
            await delayed.CancelAsync();
        }
        await Task.WhenAll(delayTasks);

        var type = outcome is ToolSucceeded ? "request-complete" : "request-failed";
        ToolMessage? final = null;
        if (outcome.MessageOverride is { } custom && Json.JsonRead.String(custom["content"]) is { Length: > 0 } content)
            final = new ToolMessage(type, content, Json.JsonRead.String(custom["role"]) ?? "assistant");
        else if (!(tool.IsAsync && type == "request-failed"))
            final = rules.Messages(tool, type, arguments, context).FirstOrDefault();

        if (final is not null) await Report(events, call, tool, final, cancellationToken);
        return (call, outcome, final);
    }

    /// <summary>
    /// Runs one tool outside a model turn (a hook's action) with no arguments, under the same rejection plan and
    /// executors as the model's calls; nothing is spoken.
    /// </summary>
    public async Task<ToolOutcome> RunDetachedAsync(ResolvedTool tool, ConversationContext context, CancellationToken cancellationToken)
    {
        if (Refusal(tool, context, out var executor) is { } refused) return refused;
        var call = new ToolCall("hook_" + Guid.NewGuid().ToString("n")[..12], tool.Name, "{}");
        return await ExecuteAsync(executor, new ToolInvocation(call, new JsonObject(), tool), context, cancellationToken);
    }

    /// <summary>Why the tool may not run here (its rejection plan, or no executor for its type); null with the executor when it may.</summary>
    private ToolOutcome? Refusal(ResolvedTool tool, ConversationContext context, out IToolExecutor executor)
    {
        executor = null!;
        if (rules.RejectionReason(tool, context) is { } reason) return new ToolRejected(reason);
        if (executors.FirstOrDefault(e => e.CanExecute(tool.Type)) is not { } found)
            return new ToolFailed($"Tools of type '{tool.Type}' cannot run here.");
        executor = found;
        return null;
    }

    private static async Task<ToolOutcome> ExecuteAsync(IToolExecutor executor, ToolInvocation invocation, ConversationContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            return await executor.ExecuteAsync(invocation, context, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A tool must never take the conversation down; the model (or a hook's log) hears what went wrong.
            return new ToolFailed($"The tool '{invocation.Call.Name}' failed: {e.Message}");
        }
    }

    private static async Task SayWhenLateAsync(ToolMessage message, ToolCall call, ResolvedTool tool, TimeProvider clock,
        ChannelWriter<ConversationEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(message.TimingMilliseconds!.Value), clock, cancellationToken);
            await Report(events, call, tool, message, CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            // The tool answered before this message was due.
        }
    }

    private static ValueTask Report(ChannelWriter<ConversationEvent> events, ToolCall call, ResolvedTool tool, ToolMessage message,
        CancellationToken cancellationToken, TaskCompletionSource? said = null) =>
        events.WriteAsync(new ToolMessageTriggered(call.Id, tool.Name, message.Type, message.Content, message.Role)
        {
            EndCallAfterSpoken = message.EndCallAfterSpoken && message.Role != "system",
            Said = said,
        }, cancellationToken);

    /// <summary>The model's arguments as an object; null when they are not one.</summary>
    public static JsonObject? ParseArguments(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new JsonObject();
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
