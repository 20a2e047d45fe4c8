namespace Parley.Core.Calls.Simulation;

/// <summary>
/// A call written down in advance: what the caller says and when, what the model answers and how fast, and how
/// the voice behaves. The fakes read it; times are seconds from the start of the call.
/// </summary>
public sealed class CallScript
{
    public CallerScript Caller { get; } = new();
    public LlmScript Llm { get; } = new();
    public TtsScript Tts { get; } = new();

    internal static TimeSpan Seconds(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}

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

    /// <summary>Sound the VAD takes for speech but that holds no words (a cough, a door).</summary>
    public CallerScript MakesNoise(double from, double to) => Says("", from, to);
}

/// <summary>One stretch of caller speech.</summary>
public sealed record ScriptedUtterance(string Text, TimeSpan From, TimeSpan To, TimeSpan FinalDelay)
{
    public string[] Words => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The model's side of a <see cref="CallScript"/>: replies in order, one per request.</summary>
public sealed class LlmScript
{
    private readonly List<ScriptedReply> _replies = [];
    public IReadOnlyList<ScriptedReply> Replies => _replies;

    /// <summary>
    /// The next request gets <paramref name="text"/>: its first word <paramref name="ttft"/> seconds after the request,
    /// the rest spread evenly until <paramref name="total"/> (defaults to ttft: everything at once).
    /// </summary>
    public LlmScript Reply(string text, double ttft = 0.1, double? total = null)
    {
        _replies.Add(new ScriptedReply(text, null, CallScript.Seconds(ttft), CallScript.Seconds(total ?? ttft)));
        return this;
    }

    /// <summary>The next request is answered with a call to tool <paramref name="name"/>.</summary>
    public LlmScript CallsTool(string name, string argumentsJson = "{}", double ttft = 0.1)
    {
        _replies.Add(new ScriptedReply("", new Llm.ToolCall("call_" + (_replies.Count + 1), name, argumentsJson), CallScript.Seconds(ttft), CallScript.Seconds(ttft)));
        return this;
    }
}

/// <summary>One scripted model answer.</summary>
public sealed record ScriptedReply(string Text, Llm.ToolCall? ToolCall, TimeSpan Ttft, TimeSpan Total);

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
