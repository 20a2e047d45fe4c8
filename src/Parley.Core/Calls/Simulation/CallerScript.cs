namespace Parley.Core.Calls.Simulation;

/// <summary>The caller's side of a <see cref="CallScript"/>.</summary>
public sealed class CallerScript
{
    private readonly List<ScriptedUtterance> _utterances = [];
    public IReadOnlyList<ScriptedUtterance> Utterances => _utterances;

    /// <summary>
    /// The caller speaks from <paramref name="from"/> to <paramref name="to"/>. Word i of n is transcribed (as a
    /// partial) at from + i·(to−from)/n; the final transcript comes <paramref name="finalDelay"/> after the end.
    /// </summary>
    public CallerScript Says(string text, double from, double to, double finalDelay = 0)
    {
        _utterances.Add(new ScriptedUtterance(text, CallScript.Seconds(from), CallScript.Seconds(to), CallScript.Seconds(finalDelay)));
        return this;
    }

    /// <summary>Words the transcriber hears but the voice detector misses (a quick "stop" shorter than its start time).</summary>
    public CallerScript SaysUndetected(string text, double from, double to)
    {
        _utterances.Add(new ScriptedUtterance(text, CallScript.Seconds(from), CallScript.Seconds(to), TimeSpan.Zero) { Detected = false });
        return this;
    }

    /// <summary>Sound the VAD takes for speech but that holds no words (a cough, a door).</summary>
    public CallerScript MakesNoise(double from, double to) => Says("", from, to);
}
