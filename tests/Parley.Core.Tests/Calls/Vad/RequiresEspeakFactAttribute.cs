namespace Parley.Core.Tests.Calls.Vad;

/// <summary>
/// A fact that needs espeak-ng: skipped with a reason when it is not installed, but run (and failing) when
/// PARLEY_REQUIRE_ALL=1 so CI cannot silently lose the real-speech tests.
/// </summary>
public sealed class RequiresEspeakFactAttribute : FactAttribute
{
    public RequiresEspeakFactAttribute()
    {
        if (!Espeak.IsInstalled && Environment.GetEnvironmentVariable("PARLEY_REQUIRE_ALL") != "1")
            Skip = "espeak-ng is not on PATH (apt-get install espeak-ng); real-speech VAD tests need it to synthesise utterances";
    }
}
