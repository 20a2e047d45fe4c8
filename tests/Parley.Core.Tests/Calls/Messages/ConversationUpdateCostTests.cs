using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;
using Parley.Core.Conversations;
using Parley.Core.Llm;

namespace Parley.Core.Tests.Calls.Messages;

// Invariant: a conversation-update carries the whole history as the same JSON a fresh copy would write, while costing
// a small node per message, not a copy of it: on a long call the copies were the square of its length in garbage.
public sealed class ConversationUpdateCostTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    // A copied artifact entry (six fields) took about 800 bytes; a frozen one's node takes under a tenth of that.
    private const long MostBytesPerMessage = 160;

    private static CallLog LongCall(int turns)
    {
        var log = new CallLog(Start);
        log.System("You are a patient assistant.", Start);
        for (var i = 0; i < turns; i++)
        {
            var at = Start.AddSeconds(10 * i);
            log.User($"Question number {i}, with some words in it", at, at.AddSeconds(2));
            log.Bot($"Answer number {i}, a sentence or two long.", at.AddSeconds(3), at.AddSeconds(6));
        }
        return log;
    }

    [Fact]
    public void The_artifact_messages_are_written_as_copies_would_be_for_little_per_message()
    {
        var log = LongCall(100);
        Assert.Equal(log.ArtifactMessages().ToJsonString(), log.FrozenArtifactMessages().ToJsonString());

        var before = GC.GetAllocatedBytesForCurrentThread();
        var update = log.FrozenArtifactMessages();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(201, update.Count);
        Assert.InRange(bytes / update.Count, 0, MostBytesPerMessage);
    }

    [Fact]
    public void The_history_is_written_as_the_model_reads_it_and_a_replaced_message_anew()
    {
        var context = new ConversationContext { OrgId = "org", Assistant = new JsonObject(), Clock = TimeProvider.System, ScopeBuilder = (_, e) => e ?? new JsonObject() };
        context.History.AddRange([ChatMessage.System("Be brief."), ChatMessage.User("Hi"), ChatMessage.Assistant("Hello there, how can I help?")]);
        var published = new FrozenHistory();
        Assert.Equal(context.HistoryJson().ToJsonString(), published.Snapshot(context.History).ToJsonString());

        // A reply cut to what was heard replaces the message; a later one is added, one more is dropped.
        context.History[2] = ChatMessage.Assistant("Hello there");
        context.History.Add(ChatMessage.User("Bye"));
        Assert.Equal(context.HistoryJson().ToJsonString(), published.Snapshot(context.History).ToJsonString());
        context.History.RemoveAt(3);
        Assert.Equal(context.HistoryJson().ToJsonString(), published.Snapshot(context.History).ToJsonString());
    }

    [Fact]
    public void An_unchanged_history_costs_little_per_message()
    {
        var context = new ConversationContext { OrgId = "org", Assistant = new JsonObject(), Clock = TimeProvider.System, ScopeBuilder = (_, e) => e ?? new JsonObject() };
        for (var i = 0; i < 100; i++) context.History.AddRange([ChatMessage.User($"Question {i}"), ChatMessage.Assistant($"Answer {i}, at some length.")]);
        var published = new FrozenHistory();
        published.Snapshot(context.History);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var update = published.Snapshot(context.History);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(200, update.Count);
        Assert.InRange(bytes / update.Count, 0, MostBytesPerMessage);
    }
}
