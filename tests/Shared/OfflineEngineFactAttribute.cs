using Parley.Providers.Speech.Espeak;
using Parley.Providers.Speech.PocketSphinx;

namespace Parley.Testing;

/// <summary>
/// A fact that needs the eSpeak NG and PocketSphinx libraries: skipped with the reason when they are missing,
/// but run (and so failing) when <c>PARLEY_REQUIRE_ALL=1</c>.
/// </summary>
public sealed class OfflineEngineFactAttribute : FactAttribute
{
    public OfflineEngineFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_REQUIRE_ALL") == "1") return;
        var missing = EspeakTextToSpeech.Unavailable ?? PocketSphinxSpeechToText.Unavailable;
        if (missing is not null) Skip = missing;
    }
}
