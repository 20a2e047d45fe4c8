namespace Parley.Core.Calls.Simulation;

/// <summary>The voice's side of a <see cref="CallScript"/>.</summary>
public sealed class TtsScript
{
    /// <summary>Time from receiving a text chunk to its audio.</summary>
    public TimeSpan Ttfb { get; private set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Audio length per character of text (so the played share of text is exact in characters).</summary>
    public TimeSpan PerCharacter { get; private set; } = TimeSpan.FromMilliseconds(60);

    public TtsScript Speaks(double ttfb = 0.2, double perCharacter = 0.06)
    {
        Ttfb = CallScript.Seconds(ttfb);
        PerCharacter = CallScript.Seconds(perCharacter);
        return this;
    }
}
