namespace Parley.Providers.Speech.PocketSphinx;

/// <summary>Model files for PocketSphinx; the defaults are where Debian's <c>pocketsphinx-en-us</c> puts them.</summary>
public sealed record PocketSphinxOptions
{
    /// <summary>Env <c>PARLEY_POCKETSPHINX_MODEL_DIR</c>.</summary>
    public string ModelDirectory { get; init; } = Environment.GetEnvironmentVariable("PARLEY_POCKETSPHINX_MODEL_DIR") ?? "/usr/share/pocketsphinx/model/en-us";

    public string AcousticModel => Path.Combine(ModelDirectory, "en-us");
    public string LanguageModel => Path.Combine(ModelDirectory, "en-us.lm.bin");
    public string Dictionary => Path.Combine(ModelDirectory, "cmudict-en-us.dict");

    /// <summary>How often an interim hypothesis is reported while the caller speaks (in 20 ms frames).</summary>
    public int PartialEveryFrames { get; init; } = 10;
}
