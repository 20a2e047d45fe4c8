using System.Diagnostics;
using Parley.Core.Calls.Audio;

namespace Parley.Core.Tests.Calls.Vad;

/// <summary>Synthesises test utterances with the espeak-ng command line.</summary>
internal static class Espeak
{
    public static bool IsInstalled { get; } = FindOnPath("espeak-ng") is not null;

    public static WavFile Say(string text)
    {
        if (!IsInstalled) throw new InvalidOperationException("espeak-ng is required (PARLEY_REQUIRE_ALL=1) but is not on PATH");
        string path = Path.Combine(Path.GetTempPath(), $"parley-vad-{Guid.NewGuid():N}.wav");
        try
        {
            var start = new ProcessStartInfo("espeak-ng") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add("-w");
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(text);
            using var process = Process.Start(start)!;
            process.WaitForExit(30_000);
            if (process.ExitCode != 0) throw new InvalidOperationException($"espeak-ng failed: {process.StandardError.ReadToEnd()}");
            return WavFile.Read(File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
