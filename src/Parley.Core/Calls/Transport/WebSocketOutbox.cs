using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Parley.Core.Calls.Transport;

/// <summary>
/// The call socket's one writer. Audio frames and messages queue from any thread; whoever finds the socket idle sends
/// at once on its own thread (for audio, the session loop that paced the frame), and a send that cannot finish there
/// carries on asynchronously, taking whatever queues meanwhile. No thread hop per frame and no lock: a queue and a
/// flag that says who is writing. Every buffer is rented and goes back to the pool once sent or dropped. Sends take no
/// cancellation token (a cancellable send takes the socket's slower path, a registration and a lock, on every frame):
/// a send the client never takes is cut off by <see cref="SealAsync"/> aborting the socket instead.
/// </summary>
internal sealed class WebSocketOutbox(WebSocket socket, Action<string>? log, TimeProvider? clock = null)
{
    /// <summary>
    /// How long the end of a call waits for the client to take the next of what is still being sent: a send still
    /// pending that long means the client has stopped reading, and nothing more will reach it. Each send the client
    /// takes starts the wait again, so a slow client that is still reading gets the rest.
    /// </summary>
    public static readonly TimeSpan SealLimit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Bytes queued behind a send the client is not taking beyond which new audio is dropped (about 40 s of 48 kHz
    /// PCM): a client that stops reading costs it audio, not the server memory. Messages still queue.
    /// </summary>
    public const long MaxQueuedBytes = 4 << 20;

    /// <summary>
    /// Bytes queued (messages too) beyond which the client is taken for gone and the socket aborted, which ends the call:
    /// a client that reads nothing must not make the server hold every message of a long call.
    /// </summary>
    public const long MaxQueuedBytesBeforeAbort = 4 * MaxQueuedBytes;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly ConcurrentQueue<Outgoing> _queue = new();
    private int _writing;
    private Task _pending = Task.CompletedTask;
    private volatile bool _started;
    private volatile bool _sealed;
    private volatile bool _failed;
    private long _queuedBytes;
    private long _droppedAudioFrames;
    private int _gaveUp;
    // Set while the end of the call waits for what is queued: each completed send pushes its deadline back.
    private CancellationTokenSource? _sealDeadline;

    /// <summary>Audio frames dropped because the client had stopped taking what was sent.</summary>
    public long DroppedAudioFrames => Volatile.Read(ref _droppedAudioFrames);

    /// <summary>Sends what queued before the call ran, and everything after as it comes.</summary>
    public void Start()
    {
        _started = true;
        Kick();
    }

    /// <summary>Queues a rented buffer and sends it now if the socket is idle; any thread.</summary>
    public void Send(byte[] rented, int length, bool audio)
    {
        if (_sealed)
        {
            ArrayPool<byte>.Shared.Return(rented);
            return;
        }
        // A plain read: the caps need no exact figure. (The count itself is kept with Interlocked.Add, one atomic add per
        // frame queued and one per frame sent.)
        var queued = Volatile.Read(ref _queuedBytes);
        if (queued > MaxQueuedBytesBeforeAbort)
        {
            ArrayPool<byte>.Shared.Return(rented);
            GiveUp($"the client has not taken the last {MaxQueuedBytesBeforeAbort >> 20} MB sent: socket aborted");
            return;
        }
        if (audio && queued > MaxQueuedBytes)
        {
            ArrayPool<byte>.Shared.Return(rented);
            if (Interlocked.Increment(ref _droppedAudioFrames) == 1)
                log?.Invoke($"the client has not taken the last {MaxQueuedBytes >> 20} MB sent: dropping audio until it does");
            return;
        }
        Interlocked.Add(ref _queuedBytes, length);
        _queue.Enqueue(new Outgoing(rented, length, audio));
        if (_started) Kick();
    }

    /// <summary>
    /// Takes the writer's role for good and sends what is still queued (when the call ran): after this no send can
    /// start, so the caller may close the socket. When sending has not finished within <see cref="SealLimit"/> (a
    /// client that stopped reading: its send waits for room that never comes), the socket is aborted: the call ends
    /// instead of waiting for the client forever.
    /// </summary>
    public async Task SealAsync()
    {
        _sealed = true;
        using var limit = new CancellationTokenSource(SealLimit, _clock);
        Volatile.Write(ref _sealDeadline, limit);
        try
        {
            await TakeWriterRoleAsync(limit.Token);
            if (_started) await DrainAsync(release: false).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // The send still pending fails once the socket is gone, returning its buffer then.
            GiveUp($"the client took nothing for {SealLimit.TotalSeconds:0} s at the end of the call: socket aborted");
        }
        finally
        {
            Volatile.Write(ref _sealDeadline, null);
        }
        while (_queue.TryDequeue(out var left)) Release(left);
    }

    private void Release(in Outgoing item)
    {
        Interlocked.Add(ref _queuedBytes, -item.Length);
        ArrayPool<byte>.Shared.Return(item.Bytes);
    }

    // Once: a hung send and every send after it would otherwise each log and abort again.
    private void GiveUp(string reason)
    {
        if (Interlocked.Exchange(ref _gaveUp, 1) == 1) return;
        _failed = true;
        log?.Invoke(reason);
        socket.Abort();
    }

    private async Task TakeWriterRoleAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            // The field may name an earlier drain while a later one sends: poll gently then, it is the call's last act.
            var pending = Volatile.Read(ref _pending);
            if (pending.IsCompleted) await Task.Delay(1, cancellationToken);
            else await pending.WaitAsync(cancellationToken);
        }
    }

    private void Kick()
    {
        if (Interlocked.CompareExchange(ref _writing, 1, 0) != 0) return;
        var drain = DrainAsync(release: true);
        if (!drain.IsCompleted) Volatile.Write(ref _pending, drain);
    }

    private async Task DrainAsync(bool release)
    {
        while (true)
        {
            while (_queue.TryDequeue(out var item))
            {
                try
                {
                    if (!_failed && socket.State == WebSocketState.Open)
                    {
                        await socket.SendAsync(item.Bytes.AsMemory(0, item.Length),
                            item.Audio ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, CancellationToken.None);
                        if (_sealed) PushBackSealDeadline();
                    }
                }
                catch (Exception e)
                {
                    // Whatever the socket throws (aborted, disposed) ends sending, never the call's loop.
                    _failed = true;
                    log?.Invoke("send failed: " + e.Message);
                }
                finally
                {
                    Release(item);
                }
            }
            if (!release) return;
            // A full fence between the release and the look at the queue: a plain store may pass the load, and a
            // writer that enqueued meanwhile, still seeing us busy, would leave its item stranded.
            Interlocked.Exchange(ref _writing, 0);
            // Queued after the last look but before the flag cleared: its writer saw us busy, so take the role back.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0) return;
        }
    }

    private void PushBackSealDeadline()
    {
        try
        {
            Volatile.Read(ref _sealDeadline)?.CancelAfter(SealLimit);
        }
        catch (ObjectDisposedException)
        {
            // The end of the call stopped waiting between the read and the push: nothing is waiting to push back.
        }
    }

    private readonly record struct Outgoing(byte[] Bytes, int Length, bool Audio);
}
