using Parley.Core.Calls.Audio;

namespace Parley.Server.Calls;

/// <summary>
/// The call as a listener hears it: the caller's audio (channel 0) beside the assistant's (channel 1), clocked by
/// the caller's frames. It feeds the stereo recording (at the call's rate) and the listen sockets (16 kHz stereo
/// PCM16, as Vapi's listenUrl serves it). Buffers are made once per call.
/// </summary>
public sealed class CallAudioTap : IDisposable
{
    /// <summary>The rate of the listen stream.</summary>
    public const int ListenRate = 16000;

    private readonly int _rate;
    private readonly SampleRing _assistant;
    private readonly Stream? _recordingFile;
    private readonly WavWriter? _recording;
    private readonly Resampler? _customerToListen;
    private readonly Resampler? _assistantToListen;
    // Copied on change, read without a lock on every caller frame: listeners come and go rarely.
    private Action<ReadOnlyMemory<byte>>[] _listeners = [];
    private readonly object _listenersGate = new();
    private short[] _assistantBlock = [];
    private short[] _stereo = [];
    private short[] _customerListen = [];
    private short[] _assistantListen = [];
    private bool _finished;
    // Set while nobody listens: the listen resamplers skipped that audio, so their history is stale.
    private bool _listenFiltersStale;

    public CallAudioTap(int sampleRate, string? recordingPath)
    {
        _rate = sampleRate;
        // Up to 30 s of assistant audio may wait for caller frames (a client that pauses its microphone).
        _assistant = new SampleRing(sampleRate * 30);
        if (recordingPath is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(recordingPath)!);
            _recordingFile = new FileStream(recordingPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 64 * 1024);
            _recording = new WavWriter(_recordingFile, sampleRate, 2);
        }
        if (sampleRate != ListenRate)
        {
            _customerToListen = new Resampler(sampleRate, ListenRate);
            _assistantToListen = new Resampler(sampleRate, ListenRate);
        }
    }

    /// <summary>Adds a listen socket's sink; it receives 16 kHz stereo PCM16LE blocks. Returns the unsubscribe action.</summary>
    public Action Listen(Action<ReadOnlyMemory<byte>> sink)
    {
        lock (_listenersGate) Volatile.Write(ref _listeners, [.. _listeners, sink]);
        return () => { lock (_listenersGate) Volatile.Write(ref _listeners, _listeners.Where(l => l != sink).ToArray()); };
    }

    /// <summary>Assistant audio as it is played (session loop).</summary>
    public void Assistant(ReadOnlySpan<short> samples)
    {
        if (samples.Length > 0 && samples.Length <= _rate) _assistant.Write(samples);
    }

    /// <summary>Caller audio as it arrives (transport thread); each caller frame moves the recording forward.</summary>
    public void Customer(ReadOnlySpan<short> samples)
    {
        if (_finished || samples.Length == 0) return;
        Grow(ref _assistantBlock, samples.Length);
        var assistant = _assistantBlock.AsSpan(0, samples.Length);
        _assistant.ReadOrSilence(assistant);
        Emit(samples, assistant);
    }

    /// <summary>Writes what the assistant still had queued, then closes the recording.</summary>
    public void Finish()
    {
        if (_finished) return;
        var rest = _assistant.Count;
        if (rest > 0)
        {
            Grow(ref _assistantBlock, rest);
            var assistant = _assistantBlock.AsSpan(0, rest);
            _assistant.ReadOrSilence(assistant);
            Emit(new short[rest], assistant);
        }
        _finished = true;
        _recording?.Complete();
        _recordingFile?.Dispose();
    }

    private void Emit(ReadOnlySpan<short> customer, ReadOnlySpan<short> assistant)
    {
        Grow(ref _stereo, customer.Length * 2);
        var stereo = _stereo.AsSpan(0, customer.Length * 2);
        StereoInterleaver.Interleave(customer, assistant, stereo);
        _recording?.Write(stereo);

        var listeners = Volatile.Read(ref _listeners);
        if (listeners.Length == 0)
        {
            _listenFiltersStale = true;
            return;
        }
        ReadOnlySpan<short> listenStereo = stereo;
        if (_customerToListen is not null && _assistantToListen is not null)
        {
            if (_listenFiltersStale)
            {
                // A listener who joins late hears from now on, not the tail of audio from before it joined.
                _customerToListen.Reset();
                _assistantToListen.Reset();
                _listenFiltersStale = false;
            }
            Grow(ref _customerListen, _customerToListen.MaxOutputLength(customer.Length));
            Grow(ref _assistantListen, _assistantToListen.MaxOutputLength(assistant.Length));
            var c = _customerToListen.Process(customer, _customerListen);
            var a = _assistantToListen.Process(assistant, _assistantListen);
            var n = Math.Min(c, a);
            Grow(ref _stereo, n * 2);
            StereoInterleaver.Interleave(_customerListen.AsSpan(0, n), _assistantListen.AsSpan(0, n), _stereo.AsSpan(0, n * 2));
            listenStereo = _stereo.AsSpan(0, n * 2);
        }
        // A fresh array, shared by all listeners: their sockets send it later, on their own threads, so it cannot be reused.
        var bytes = new byte[listenStereo.Length * 2];
        Pcm16.ToBytes(listenStereo, bytes);
        foreach (var listener in listeners) listener(bytes);
    }

    private static void Grow(ref short[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new short[length];
    }

    public void Dispose() => Finish();
}
