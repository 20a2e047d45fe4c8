namespace Parley.Bench.Calls;

/// <summary>The server side of the calls bench (Parley or the bare baseline), wherever it runs.</summary>
public interface IBenchServer : IAsyncDisposable
{
    /// <summary>The ws:// address callers connect to.</summary>
    Uri Endpoint { get; }

    /// <summary>True when Parley has a process of its own, so its CPU and memory exclude the callers'.</summary>
    bool SeparateProcess { get; }

    /// <summary>True for the baseline: a <see cref="BareAgent"/> instead of Parley.</summary>
    bool Bare { get; }

    /// <summary>The Parley side's figures now; <paramref name="collect"/> first runs a full GC there, for a clean baseline.</summary>
    Task<ServerSample> SampleAsync(bool collect = false);

    /// <summary>How the calls ended, counted since the last call.</summary>
    Task<IReadOnlyDictionary<string, int>> TakeEndedReasonsAsync();

    /// <summary>Parley's own timing of the turns since the last take (<see cref="TurnStages"/>); null for the baseline.</summary>
    Task<string?> TakeTurnStagesAsync();
}
