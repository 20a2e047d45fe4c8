using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;

namespace Parley.Core.Calls.Transport;

/// <summary>
/// The call socket's one writer. Audio frames and messages queue from any thread; whoever finds the socket idle sends
/// at once on its own thread (for audio, the session loop that paced the frame), and a send that cannot finish there
/// carries on asynchronously, taking whatever queues meanwhile. No thread hop per frame and no lock: a queue and a
/// flag that says who is writing. Every buffer is rented and goes back to the pool once sent or dropped.
/// </summary>
internal sealed class WebSocketOutbox(WebSocket socket, Action<string>? log)
{
    private readonly ConcurrentQueue<Outgoing> _queue = new();
    private int _writing;
    private Task _pending = Task.CompletedTask;
    private volatile bool _started;
    private volatile bool _sealed;
    private bool _failed;
    private CancellationToken _cancellation;

    /// <summary>Sends what queued before the call ran, and everything after as it comes.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
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
        _queue.Enqueue(new Outgoing(rented, length, audio));
        if (_started) Kick();
    }

    /// <summary>
    /// Takes the writer's role for good and sends what is still queued (when the call ran): after this no send can
    /// start, so the caller may close the socket.
    /// </summary>
    public async Task SealAsync()
    {
        _sealed = true;
        while (Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
        {
            // The field may name an earlier drain while a later one sends: poll gently then, it is the call's last act.
            var pending = Volatile.Read(ref _pending);
            if (pending.IsCompleted) await Task.Delay(1);
            else await pending;
        }
        if (_started) await DrainAsync(release: false);
        while (_queue.TryDequeue(out var left)) ArrayPool<byte>.Shared.Return(left.Bytes);
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
                        await socket.SendAsync(item.Bytes.AsMemory(0, item.Length),
                            item.Audio ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, _cancellation);
                }
                catch (OperationCanceledException)
                {
                    _failed = true;
                }
                catch (Exception e)
                {
                    // Whatever the socket throws (aborted, disposed) ends sending, never the call's loop.
                    _failed = true;
                    log?.Invoke("send failed: " + e.Message);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(item.Bytes);
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

    private readonly record struct Outgoing(byte[] Bytes, int Length, bool Audio);
}
