namespace Parley.Core.Calls.Turns;

/// <summary>
/// A text-and-pause heuristic for P(caller still speaking): trailing conjunctions, fillers, prepositions and
/// unfinished numbers or lists score high; sentence-final punctuation and questions score low. The score then
/// decays with the pause, since the longer the silence the less likely the turn continues.
/// </summary>
public sealed class TranscriptEndOfTurnEstimator : IEndOfTurnEstimator
{
    public const double Question = 0.05;
    public const double Statement = 0.1;
    public const double Unpunctuated = 0.4;
    public const double Number = 0.7;
    public const double Comma = 0.8;
    public const double Continuation = 0.9;

    /// <summary>Time constant of the decay: after this much pause the score has fallen to 1/e of its value.</summary>
    public static readonly TimeSpan PauseTimeConstant = TimeSpan.FromSeconds(3);

    private static readonly HashSet<string> ContinuationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "but", "so", "because", "cause", "then", "if", "that", "which", "who", "when", "while", "although",
        "um", "uh", "umm", "uhh", "er", "erm", "hmm", "like", "well", "also", "plus",
        "the", "a", "an", "my", "your", "our", "their", "his", "her", "its", "this", "these", "those",
        "to", "of", "for", "with", "at", "in", "on", "from", "by", "about", "is", "was", "are", "am", "i", "i'm", "it's",
    };

    private static readonly HashSet<string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million",
    };

    public double ProbabilityStillSpeaking(string transcript, TimeSpan pause)
    {
        double decay = Math.Exp(-Math.Max(0, pause.TotalSeconds) / PauseTimeConstant.TotalSeconds);
        return TextScore(transcript) * decay;
    }

    /// <summary>The score before the pause is applied.</summary>
    public static double TextScore(string transcript)
    {
        var text = transcript.AsSpan().TrimEnd();
        if (text.IsEmpty) return Unpunctuated;
        if (text.EndsWith("...") || text.EndsWith("…")) return Comma;
        switch (text[^1])
        {
            case '?': return Question;
            case '.' or '!': return Statement;
            case ',' or ';' or ':' or '-' or '–': return Comma;
        }
        int start = text.Length - 1;
        while (start >= 0 && !char.IsWhiteSpace(text[start])) start--;
        string last = text[(start + 1)..].ToString().Trim('"', '\'', ')', '(');
        if (ContinuationWords.Contains(last)) return Continuation;
        if (last.Length > 0 && (char.IsAsciiDigit(last[^1]) || NumberWords.Contains(last))) return Number;
        return Unpunctuated;
    }
}
