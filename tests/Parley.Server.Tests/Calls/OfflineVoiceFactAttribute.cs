using Parley.Providers.Speech.Espeak;
using Parley.Providers.Speech.PocketSphinx;

namespace Parley.Server.Tests.Calls;

/// <summary>A fact that needs eSpeak NG and PocketSphinx: skipped with the reason when missing, run (and failing) under PARLEY_REQUIRE_ALL=1.</summary>
public sealed class OfflineVoiceFactAttribute : FactAttribute
{
    public OfflineVoiceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_REQUIRE_ALL") == "1") return;
        if ((EspeakTextToSpeech.Unavailable ?? PocketSphinxSpeechToText.Unavailable) is { } missing) Skip = missing;
    }
}
