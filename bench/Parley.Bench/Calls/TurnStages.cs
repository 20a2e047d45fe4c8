using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Parley.Core.Calls.Messages;

namespace Parley.Bench.Calls;

/// <summary>
/// Each answered turn's stages as Parley's own clock saw them (the end-of-call report's performanceMetrics, ms):
/// endpointing (caller stopped → turn over), model (→ first words), voice (→ first audio) and the whole turn. Set beside
/// the callers' figure, they say whether a slow turn was slow inside the session or on the way out to the caller.
/// </summary>
public sealed class TurnStages
{
    private readonly ConcurrentQueue<(double? Endpointing, double? Model, double? Voice, double? Turn)> _turns = new();

    /// <summary>A sink that records the turns of each end-of-call report it passes on to <paramref name="inner"/>.</summary>
    public ICallMessageSink Recording(ICallMessageSink inner) => new RecordingSink(inner, this);

    /// <summary>
    /// One line: p50/p99 per stage of the turns recorded since the last take, and the providers' overruns (which it takes
    /// too); null when there was neither.
    /// </summary>
    public string? TakeSummary()
    {
        var turns = new List<(double? Endpointing, double? Model, double? Voice, double? Turn)>();
        while (_turns.TryDequeue(out var turn)) turns.Add(turn);
        var overruns = ProviderDelays.TakeSummary();
        if (turns.Count == 0) return overruns;
        return FormattableString.Invariant($"turn stages by Parley's clock over {turns.Count} turns (p50/p99 ms): endpointing {Spread(turns.Select(t => t.Endpointing))}, ")
            + $"model {Spread(turns.Select(t => t.Model))}, voice {Spread(turns.Select(t => t.Voice))}, whole turn {Spread(turns.Select(t => t.Turn))}"
            + (overruns is null ? "" : "; " + overruns);
    }

    private static string Spread(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0) return "-";
        return string.Create(CultureInfo.InvariantCulture, $"{NearestRank.Of(sorted, 0.5):F0}/{NearestRank.Of(sorted, 0.99):F0}");
    }

    private void Record(JsonObject report)
    {
        if (report["artifact"]?["performanceMetrics"]?["turnLatencies"] is not JsonArray turns) return;
        foreach (var turn in turns.OfType<JsonObject>())
        {
            _turns.Enqueue((Read(turn, "endpointingLatency"), Read(turn, "modelLatency"), Read(turn, "voiceLatency"), Read(turn, "turnLatency")));
        }
    }

    private static double? Read(JsonObject turn, string name) => turn[name] is JsonValue value && value.TryGetValue<double>(out var ms) ? ms : null;

    private sealed class RecordingSink(ICallMessageSink inner, TurnStages stages) : ICallMessageSink
    {
        public void Publish(JsonObject message)
        {
            if (message["type"]?.GetValue<string>() == "end-of-call-report") stages.Record(message);
            inner.Publish(message);
        }

        public void Publish(in StreamedMessage message) => inner.Publish(in message);
    }
}
