using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Parley.Core.Llm;
using Parley.Core.Tools;

namespace Parley.Core.Conversations;

/// <summary>
/// Produces one assistant turn: streams the model, runs the tools it calls, feeds their results back and asks
/// again, until the model answers with text (or a tool's request-complete message is spoken instead).
/// Shared by chats and calls; everything it does is reported as <see cref="ConversationEvent"/>s in order.
/// </summary>
public sealed class ConversationRunner(IChatModel model, ToolCatalog tools, IToolRound toolRound)
{
    /// <summary>A model that keeps calling tools is stopped after this many rounds so a turn always ends.</summary>
    public const int MaxToolRounds = 8;

    /// <summary>The model this runner talks to (the end-of-call analysis asks it too).</summary>
    public IChatModel Model => model;

    /// <summary>The tools the model may call.</summary>
    public ToolCatalog Tools => tools;

    public async IAsyncEnumerable<ConversationEvent> RespondAsync(ConversationContext context, ModelSettings settings,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var output = new List<JsonObject>();
        var usage = ChatUsage.None;

        for (var round = 0; round < MaxToolRounds; round++)
        {
            var request = new ChatRequest
            {
                Model = settings.Model,
                Messages = context.History.ToList(),
                Tools = tools.Functions,
                Temperature = settings.Temperature,
                MaxTokens = settings.MaxTokens,
                ExtraBody = settings.ExtraBody,
            };

            var text = new StringBuilder();
            var calls = new SortedDictionary<int, ToolCallBuilder>();
            ChatFailed? failure = null;
            await foreach (var delta in model.StreamAsync(request, cancellationToken))
            {
                switch (delta)
                {
                    case ChatTextDelta t:
                        text.Append(t.Text);
                        yield return new AssistantTextDelta(t.Text);
                        break;
                    case ChatToolCallDelta c:
                        if (!calls.TryGetValue(c.Index, out var builder)) calls[c.Index] = builder = new ToolCallBuilder();
                        builder.Add(c);
                        break;
                    case ChatCompleted done:
                        usage = new ChatUsage(usage.PromptTokens + done.Usage.PromptTokens, usage.CompletionTokens + done.Usage.CompletionTokens,
                            usage.CachedPromptTokens + done.Usage.CachedPromptTokens);
                        yield return new ModelRequestCompleted(done.Usage);
                        break;
                    case ChatFailed failed:
                        failure = failed;
                        break;
                }
            }

            var toolCalls = calls.Values.Select((b, i) => b.Build(i)).ToList();
            if (text.Length > 0 || toolCalls.Count > 0)
            {
                var assistantMessage = ChatMessage.Assistant(text.Length > 0 ? text.ToString() : null, toolCalls);
                context.History.Add(assistantMessage);
                output.Add(OpenAiMessages.ToJson(assistantMessage));
            }

            if (failure is not null)
            {
                yield return new AssistantTurnFailed(failure.Message, failure.Kind, failure.StatusCode);
                yield break;
            }
            if (toolCalls.Count == 0) break;

            yield return new ToolCallsRequested(toolCalls);
            var events = Channel.CreateUnbounded<ConversationEvent>(new UnboundedChannelOptions { SingleReader = true });
            var roundTask = RunRoundAsync(toolCalls, context, events.Writer, cancellationToken);
            // WaitToReadAsync/TryRead rather than ReadAllAsync: the latter resumes on the thread pool, which would
            // take a simulated call off its single timeline.
            while (await events.Reader.WaitToReadAsync(cancellationToken))
                while (events.Reader.TryRead(out var e))
                    yield return e;
            var result = await roundTask;

            foreach (var message in result.ToolMessages)
            {
                context.History.Add(message);
                output.Add(OpenAiMessages.ToJson(message));
            }
            foreach (var system in result.SystemMessages)
            {
                var message = ChatMessage.System(system);
                context.History.Add(message);
                output.Add(OpenAiMessages.ToJson(message));
            }
            if (result.SpokenInsteadOfModel is { } spoken)
            {
                var message = ChatMessage.Assistant(spoken);
                context.History.Add(message);
                output.Add(OpenAiMessages.ToJson(message));
                yield return new AssistantTextDelta(spoken);
                break;
            }
        }

        yield return new AssistantTurnCompleted(output, usage);
    }

    private async Task<ToolRoundResult> RunRoundAsync(IReadOnlyList<ToolCall> calls, ConversationContext context,
        ChannelWriter<ConversationEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            return await toolRound.RunAsync(calls, context, events, cancellationToken);
        }
        finally
        {
            events.TryComplete();
        }
    }

    /// <summary>Joins the fragments of one streamed tool call.</summary>
    private sealed class ToolCallBuilder
    {
        private string? _id;
        private string? _name;
        private readonly StringBuilder _arguments = new();

        public void Add(ChatToolCallDelta delta)
        {
            _id ??= delta.Id;
            _name ??= delta.Name;
            _arguments.Append(delta.ArgumentsFragment);
        }

        public ToolCall Build(int index) =>
            new(_id ?? $"call_{index}", _name ?? "", _arguments.Length == 0 ? "{}" : _arguments.ToString());
    }
}
