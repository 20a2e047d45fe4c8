using Parley.Core.Calls.Denoise;

namespace Parley.Core.Tests.Calls.Denoise;

/// <summary>A fact that needs libspeexdsp: skipped with the reason when missing, run anyway under PARLEY_REQUIRE_ALL=1.</summary>
public sealed class SpeexFactAttribute : FactAttribute
{
    public SpeexFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_REQUIRE_ALL") != "1" && SmartDenoiser.Unavailable is { } missing) Skip = missing;
    }
}
