using Parley.Core.Calls.Audio;

namespace Parley.Core.Calls.Denoise;

/// <summary>
/// Vapi's experimental Fourier denoising: a short-time Fourier gate whose level follows the caller. Frame levels
/// over the last <c>windowSizeMs</c> give a speech baseline at <c>baselinePercentile</c>; spectral bins weaker than
/// baseline + <c>baselineOffsetDb</c> (or <c>staticThreshold</c> before a baseline exists) are attenuated. With media
/// detection on, a background that never falls quiet (TV, music) is profiled per bin and subtracted as well.
/// </summary>
public sealed class FourierDenoiser : IAudioDenoiser
{
    /// <summary>Gain for gated bins: -25 dB rather than silence, which keeps the "musical noise" of hard gates down.</summary>
    private const double FloorGain = 0.056;
    /// <summary>Width of the soft knee above the threshold, in dB: bins at the threshold are filtered, 6 dB over it pass.</summary>
    private const double KneeDb = 6;
    /// <summary>A window whose quiet tenth sits within this many dB of its baseline never falls silent: media.</summary>
    private const double MediaSpreadDb = 12;
    /// <summary>Baseline percentiles are re-read about every 100 ms; levels change far slower than hops.</summary>
    private const int HopsPerBaselineUpdate = 12;

    private readonly FourierDenoiserOptions _options;
    private readonly Fft _fft;
    private readonly int _size;
    private readonly int _hop;
    private readonly double[] _window;
    private readonly double[] _input;
    private readonly double[] _accumulator;
    private readonly short[] _ready;
    private readonly double[] _re;
    private readonly double[] _im;
    private readonly double[] _gain;
    private readonly double[] _noise;
    private readonly LevelHistory _history;
    private readonly int _hopsToEstablish;
    private readonly double _release;
    private int _fill;
    private int _hopsSinceUpdate = HopsPerBaselineUpdate;
    private double _thresholdDb;
    private double _floorDb = double.NegativeInfinity;
    private bool _media;
    private bool _noiseKnown;

    public FourierDenoiser(int sampleRate, FourierDenoiserOptions options)
    {
        SampleRate = sampleRate;
        _options = options;
        // About 16 ms of audio per transform: 62.5 Hz bins at 16 kHz, and 16 ms of added latency.
        _size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, sampleRate / 64));
        _hop = _size / 2;
        _fft = Fft.Shared(_size);
        _window = new double[_size];
        // Periodic sqrt-Hann on both analysis and synthesis sums to one at 50% overlap: unity when gains are 1.
        for (var i = 0; i < _size; i++) _window[i] = Math.Sqrt(0.5 - 0.5 * Math.Cos(2 * Math.PI * i / _size));
        _input = new double[_size];
        _accumulator = new double[_size];
        _ready = new short[_hop];
        _re = new double[_size];
        _im = new double[_size];
        _gain = new double[_size / 2 + 1];
        Array.Fill(_gain, 1.0);
        _noise = new double[_size / 2 + 1];
        var hopMs = 1000.0 * _hop / sampleRate;
        _history = new LevelHistory(Math.Max(1, (int)(options.WindowSizeMs / hopMs)));
        _hopsToEstablish = Math.Min(_history.Capacity, (int)(1000 / hopMs));
        _release = Math.Exp(-hopMs / 40.0);
        _thresholdDb = options.StaticThreshold;
    }

    public int SampleRate { get; }
    public TimeSpan Latency => TimeSpan.FromTicks(_size * TimeSpan.TicksPerSecond / SampleRate);

    /// <summary>The gate level in dBFS now in force.</summary>
    public double ThresholdDb => _thresholdDb;

    /// <summary>Whether a constant background is being subtracted.</summary>
    public bool MediaDetected => _media;

    public DenoiseResult Process(Span<short> samples)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            _input[_hop + _fill] = samples[i];
            samples[i] = _ready[_fill];
            if (++_fill < _hop) continue;
            _fill = 0;
            ProcessHop();
        }
        return DenoiseResult.Ok;
    }

    private void ProcessHop()
    {
        double energy = 0;
        for (var i = _hop; i < _size; i++) energy += _input[i] * _input[i];
        var levelDb = 10 * Math.Log10(energy / _hop / (32768.0 * 32768.0) + 1e-12);
        // Silent frames count (they are what tells a pause from a constant background), clamped so
        // digital zero does not drag percentiles to -120 dB.
        _history.Add(Math.Max(levelDb, -100));
        UpdateThreshold();

        for (var i = 0; i < _size; i++)
        {
            _re[i] = _input[i] * _window[i];
            _im[i] = 0;
        }
        _fft.Transform(_re, _im, inverse: false);

        // Bin power scaled so that white noise at L dBFS reads about L dB in every bin.
        var scale = 1.0 / (0.5 * _size * 32768.0 * 32768.0);
        // The background profile learns from frames that are below the gate or, under media, among the quietest.
        var quiet = levelDb < Math.Max(_thresholdDb, _floorDb + 3);
        for (var b = 0; b <= _size / 2; b++)
        {
            var power = (_re[b] * _re[b] + _im[b] * _im[b]) * scale + 1e-15;
            if (quiet) _noise[b] = _noiseKnown ? 0.9 * _noise[b] + 0.1 * power : power;
            var binDb = 10 * Math.Log10(power);
            var target = Math.Clamp((binDb - _thresholdDb) / KneeDb, 0, 1) * (1 - FloorGain) + FloorGain;
            if (_media && _options.MediaDetectionEnabled) target = Math.Min(target, Math.Max(FloorGain, 1 - 2 * _noise[b] / power));
            // Open at once so onsets survive; close over ~40 ms so word endings are not chopped.
            _gain[b] = target >= _gain[b] ? target : _gain[b] * _release + target * (1 - _release);
            var g = _gain[b];
            _re[b] *= g;
            _im[b] *= g;
            if (b > 0 && b < _size / 2)
            {
                _re[_size - b] = _re[b];
                _im[_size - b] = -_im[b];
            }
        }
        if (quiet) _noiseKnown = true;
        _fft.Transform(_re, _im, inverse: true);

        for (var i = 0; i < _size; i++) _accumulator[i] += _re[i] * _window[i];
        for (var i = 0; i < _hop; i++) _ready[i] = (short)Math.Clamp(Math.Round(_accumulator[i]), short.MinValue, short.MaxValue);
        Array.Copy(_accumulator, _hop, _accumulator, 0, _hop);
        Array.Clear(_accumulator, _hop, _hop);
        Array.Copy(_input, _hop, _input, 0, _hop);
    }

    private void UpdateThreshold()
    {
        if (++_hopsSinceUpdate < HopsPerBaselineUpdate) return;
        _hopsSinceUpdate = 0;
        if (_history.Count < _hopsToEstablish)
        {
            _thresholdDb = _options.StaticThreshold;
            return;
        }
        var baseline = _history.Percentile(_options.BaselinePercentile);
        _thresholdDb = baseline + _options.BaselineOffsetDb;
        _floorDb = _history.Percentile(10);
        _media = _options.MediaDetectionEnabled && baseline - _floorDb < MediaSpreadDb;
    }

    public void Dispose() { }
}
