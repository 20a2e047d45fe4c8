using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Vad;

/// <summary>
/// Classifies single frames as voiced or not: band energy (250-3800 Hz) against an adaptive noise floor,
/// gated by spectral flatness so stationary or noise-like sound does not count as speech. Works on any
/// frame length up to <see cref="MaxFrameLength"/>; nothing is allocated per frame.
/// </summary>
public sealed class VoiceActivityDetector
{
    // Floor adaptation per frame: falls quickly (noise got quieter), rises slowly while not voiced,
    // and creeps while voiced so a sudden permanent noise step cannot hold the detector open forever.
    private const double FallRate = 0.3;
    private const double RiseRate = 0.05;
    private const double VoicedCreepRate = 0.004;
    private const double MinimumDb = -100;

    private readonly VadOptions _options;
    /// <summary>Up to this transform size the per-frame scratch lives on the stack; beyond it, in arrays of this detector.</summary>
    private const int StackSamples = 1024;

    private readonly RealPowerSpectrum _spectrum;
    private readonly double[]? _windowedBig;
    private readonly double[]? _powerBig;
    private ReadOnlyMemory<double> _window;
    private readonly int _lowBin;
    private readonly int _highBin;
    private double _noiseFloorDb = double.NaN;
    private bool _voiced;

    public VoiceActivityDetector(int sampleRate, int maxFrameLength, VadOptions? options = null)
    {
        _options = options ?? new VadOptions();
        SampleRate = sampleRate;
        MaxFrameLength = maxFrameLength;
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)maxFrameLength);
        // Tables are shared by every detector of this size and scratch is on the stack: hundreds of live calls then
        // touch one set of tables, which stays in cache, instead of a private set each.
        _spectrum = RealPowerSpectrum.Shared(Math.Max(4, size));
        if (_spectrum.Size > StackSamples)
        {
            _windowedBig = new double[maxFrameLength];
            _powerBig = new double[_spectrum.Size / 2];
        }
        _lowBin = Math.Max(1, (int)Math.Round(_options.BandLowHz * size / sampleRate));
        _highBin = Math.Min(size / 2 - 1, (int)Math.Round(Math.Min(_options.BandHighHz, sampleRate / 2.0 * 0.95) * size / sampleRate));
    }

    public int SampleRate { get; }
    public int MaxFrameLength { get; }

    /// <summary>Current estimate of the background level in the analysis band (dB).</summary>
    public double NoiseFloorDb => _noiseFloorDb;

    public void Reset()
    {
        _noiseFloorDb = double.NaN;
        _voiced = false;
    }

    /// <summary>
    /// Classifies one frame. <paramref name="inSpeech"/> (the caller is mid-utterance) applies the lower
    /// keep-open threshold even after a gap, so a word-final release after a stop closure still counts.
    /// </summary>
    // The windowed frame is written in full before use and only the band's powers are written and read: no zeroing needed.
    [System.Runtime.CompilerServices.SkipLocalsInit]
    public VadFrameDecision Classify(ReadOnlySpan<short> frame, bool inSpeech = false)
    {
        if (frame.Length > MaxFrameLength || frame.IsEmpty) throw new ArgumentException("frame length out of range", nameof(frame));
        EnsureWindow(frame.Length);
        double frameDbfs = Audio.AudioLevel.Dbfs(frame);
        var windowed = _windowedBig is null ? stackalloc double[frame.Length] : _windowedBig.AsSpan(0, frame.Length);
        var powers = _powerBig is null ? stackalloc double[_spectrum.Size / 2] : _powerBig.AsSpan();
        var window = _window.Span;
        for (int i = 0; i < windowed.Length; i++) windowed[i] = frame[i] / 32768.0 * window[i];
        _spectrum.Compute(windowed, powers, _lowBin, _highBin);

        var band = powers.Slice(_lowBin, _highBin - _lowBin + 1);
        int bins = band.Length;
        double sum = 0, logSum = 0;
        // The log of a product of 16 powers instead of 16 logs: each power lies in [1e-12, ~1e6], so 16 of them stay
        // far inside double's range, and the geometric mean comes out the same for a sixteenth of the Math.Log calls.
        for (int start = 0; start < bins; start += 16)
        {
            double product = 1;
            foreach (var p in band.Slice(start, Math.Min(16, bins - start)))
            {
                double power = p + 1e-12;
                sum += power;
                product *= power;
            }
            logSum += Math.Log(product);
        }
        double mean = sum / bins;
        double flatness = Math.Exp(logSum / bins) / mean;
        double energyDb = Math.Max(MinimumDb, 10 * Math.Log10(mean / frame.Length));

        if (double.IsNaN(_noiseFloorDb)) _noiseFloorDb = energyDb;
        double margin = energyDb - _noiseFloorDb;
        bool audible = frameDbfs > _options.MinSpeechDbfs;
        // Opening needs a clear margin and a voice-like spectrum; once open, a smaller margin keeps it open so
        // weak word endings (fricatives, releases) are not cut off.
        bool voiced = _voiced || inSpeech
            ? audible && margin > _options.OffThresholdDb
            : audible && margin > _options.OnThresholdDb && (flatness < _options.MaxFlatness || margin > _options.StrongThresholdDb);
        UpdateFloor(energyDb, voiced);
        _voiced = voiced;
        return new VadFrameDecision(voiced, energyDb, _noiseFloorDb, flatness);
    }

    private void UpdateFloor(double energyDb, bool voiced)
    {
        double delta = energyDb - _noiseFloorDb;
        double rate = delta < 0 ? FallRate : voiced ? VoicedCreepRate : RiseRate;
        _noiseFloorDb += delta * rate;
    }

    private void EnsureWindow(int length)
    {
        // Hann window: keeps the flatness estimate from being smeared by leakage of strong low harmonics.
        if (_window.Length != length) _window = HannWindow.Of(length);
    }
}
