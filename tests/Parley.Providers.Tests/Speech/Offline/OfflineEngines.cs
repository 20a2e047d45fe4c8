namespace Parley.Providers.Tests.Speech.Offline;

/// <summary>
/// Tests that drive the native engines share one collection: eSpeak's state carries between utterances, so
/// interleaving two tests' speech changes both tests' audio.
/// </summary>
internal static class OfflineEngines
{
    public const string Collection = "native speech engines";
}
