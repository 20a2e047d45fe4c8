namespace Parley.Core.Calls.Denoise;

/// <summary>
/// <c>backgroundSpeechDenoisingPlan</c> as one processor: smart denoising first, then Fourier on its output, the
/// order the seed documents. Built through <see cref="Create"/>, which reports plans that cannot run.
/// </summary>
public sealed class BackgroundDenoiser : IAudioDenoiser
{
    private readonly IAudioDenoiser[] _stages;

    private BackgroundDenoiser(int sampleRate, IAudioDenoiser[] stages)
    {
        SampleRate = sampleRate;
        _stages = stages;
    }

    public int SampleRate { get; }
    public TimeSpan Latency => _stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Latency);

    /// <summary>
    /// Builds the enabled stages. A smart plan that cannot run here is left out and explained in
    /// <c>Warnings</c>, so a call still gets the Fourier stage; null when nothing is enabled or runnable.
    /// </summary>
    public static (BackgroundDenoiser? Denoiser, IReadOnlyList<string> Warnings) Create(int sampleRate, bool smartEnabled, FourierDenoiserOptions? fourier)
    {
        var stages = new List<IAudioDenoiser>();
        var warnings = new List<string>();
        if (smartEnabled)
        {
            var (smart, error) = SmartDenoiser.Create(sampleRate);
            if (smart is not null) stages.Add(smart);
            else warnings.Add(error!);
        }
        if (fourier is not null)
        {
            var problems = fourier.Validate();
            if (problems.Count == 0) stages.Add(new FourierDenoiser(sampleRate, fourier));
            else warnings.AddRange(problems);
        }
        return (stages.Count == 0 ? null : new BackgroundDenoiser(sampleRate, [.. stages]), warnings);
    }

    public DenoiseResult Process(Span<short> samples)
    {
        foreach (var stage in _stages)
        {
            var result = stage.Process(samples);
            if (result != DenoiseResult.Ok) return result;
        }
        return DenoiseResult.Ok;
    }

    public void Dispose()
    {
        foreach (var stage in _stages) stage.Dispose();
    }
}
