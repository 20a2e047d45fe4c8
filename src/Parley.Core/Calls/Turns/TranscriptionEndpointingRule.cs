namespace Parley.Core.Calls.Turns;

/// <summary>The fallback rule: punctuation, a trailing number, or neither decides among the transcriptionEndpointingPlan seconds.</summary>
public sealed class TranscriptionEndpointingRule(TranscriptionEndpointingOptions options) : IEndpointingRule
{
    public string Name => "transcription";

    public TimeSpan? Evaluate(in EndpointingContext context)
    {
        var text = context.CustomerTranscript.AsSpan().TrimEnd();
        if (text.IsEmpty) return TimeSpan.FromSeconds(options.OnNoPunctuationSeconds);
        char last = text[^1];
        if (char.IsPunctuation(last) && last is not '%' and not '$' and not '#')
            return TimeSpan.FromSeconds(options.OnPunctuationSeconds);
        if (char.IsDigit(last)) return TimeSpan.FromSeconds(options.OnNumberSeconds);
        return TimeSpan.FromSeconds(options.OnNoPunctuationSeconds);
    }
}
