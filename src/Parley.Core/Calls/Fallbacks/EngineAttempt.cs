namespace Parley.Core.Calls.Fallbacks;

/// <summary>
/// One engine's turn in a fallback chain: its events one by one, where an exception from the engine becomes a
/// failure event like the ones engines report themselves, and disposal stops the engine (cancel, then dispose,
/// quietly if it had already failed) before the next candidate starts.
/// </summary>
internal sealed class EngineAttempt<T> : IAsyncDisposable where T : class
{
    private readonly CancellationTokenSource _cts;
    private readonly Func<T, bool> _isFailure;
    private readonly Func<Exception, T> _toFailure;
    private readonly CancellationToken _caller;
    private readonly IAsyncEnumerator<T>? _events;

    /// <param name="open">Starts the engine with the attempt's token.</param>
    /// <param name="stream">Stops this attempt when the whole stream stops.</param>
    /// <param name="caller">The caller's own token: a cancellation there is passed on, never turned into a failure.</param>
    public EngineAttempt(Func<CancellationToken, IAsyncEnumerable<T>> open, Func<T, bool> isFailure, Func<Exception, T> toFailure,
        CancellationToken stream, CancellationToken caller)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(stream);
        _isFailure = isFailure;
        _toFailure = toFailure;
        _caller = caller;
        try
        {
            _events = open(_cts.Token).GetAsyncEnumerator(_cts.Token);
        }
        catch (Exception ex) when (!caller.IsCancellationRequested)
        {
            Failure = toFailure(ex);
        }
    }

    /// <summary>The engine's failure, reported or thrown; null while it works.</summary>
    public T? Failure { get; private set; }

    /// <summary>The next event, or null when the engine has finished or failed (see <see cref="Failure"/>).</summary>
    public async ValueTask<T?> NextAsync()
    {
        if (_events is null || Failure is not null) return null;
        try
        {
            if (!await _events.MoveNextAsync()) return null;
        }
        catch (Exception ex) when (!_caller.IsCancellationRequested)
        {
            Failure = _toFailure(ex);
            return null;
        }
        if (!_isFailure(_events.Current)) return _events.Current;
        Failure = _events.Current;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // Stop whatever the engine still has running (sockets, background readers) before the next one starts.
        await _cts.CancelAsync();
        try
        {
            if (_events is not null) await _events.DisposeAsync();
        }
        catch (Exception) when (Failure is not null)
        {
            // The engine already failed; a second complaint while closing it changes nothing.
        }
        finally
        {
            _cts.Dispose();
        }
    }
}
