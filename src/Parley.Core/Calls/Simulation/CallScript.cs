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
