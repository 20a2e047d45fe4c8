namespace Parley.Core.Calls.Turns;

/// <summary>
/// The stopSpeakingPlan as an ordered list of checks: an interruption phrase stops the assistant at once; speech
/// made only of acknowledgement phrases never does; otherwise numWords transcribed words (numWords &gt; 0) or
/// voiceSeconds of voice from the VAD (numWords = 0) decide.
/// </summary>
public sealed class InterruptionPolicy
{
    private readonly StopSpeakingOptions _options;
    private readonly string[][] _interruptions;
    private readonly string[][] _acknowledgements;
    private readonly TimeSpan _voice;
    private readonly TimeSpan _backoff;

    public InterruptionPolicy(StopSpeakingOptions? options = null)
    {
        _options = options ?? new StopSpeakingOptions();
        _interruptions = _options.InterruptionPhrases.Select(Words).Where(w => w.Length > 0).ToArray();
        // Longest first so "yeah okay" is matched whole before "yeah".
        _acknowledgements = _options.AcknowledgementPhrases.Select(Words).Where(w => w.Length > 0).OrderByDescending(w => w.Length).ToArray();
        _voice = TimeSpan.FromSeconds(_options.VoiceSeconds);
        _backoff = TimeSpan.FromSeconds(_options.BackoffSeconds);
    }

    /// <param name="transcript">What the caller has said since the assistant started speaking (may be empty).</param>
    /// <param name="voicedDuration">Voice the VAD has heard in the caller's current run.</param>
    public InterruptionDecision Decide(string transcript, TimeSpan voicedDuration)
    {
        var words = Words(transcript);
        if (words.Length > 0)
        {
            if (ContainsAny(words, _interruptions)) return Interrupt(InterruptionReason.InterruptionPhrase);
            if (CoveredBy(words, _acknowledgements)) return new InterruptionDecision(InterruptionVerdict.Acknowledgement, InterruptionReason.AcknowledgementPhrase, TimeSpan.Zero);
        }
        if (_options.NumWords > 0)
        {
            return words.Length >= _options.NumWords ? Interrupt(InterruptionReason.WordCount) : NotYet;
        }
        return voicedDuration >= _voice ? Interrupt(InterruptionReason.VoiceDuration) : NotYet;
    }

    private static InterruptionDecision NotYet => new(InterruptionVerdict.NotYet, InterruptionReason.None, TimeSpan.Zero);

    private InterruptionDecision Interrupt(InterruptionReason reason) => new(InterruptionVerdict.Interrupt, reason, _backoff);

    /// <summary>Lower-case words with apostrophes dropped ("Don't" → "dont", as Vapi's phrase lists are written).</summary>
    internal static string[] Words(string text)
    {
        var buffer = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is '\'' or '’') continue;
            buffer.Append(char.IsLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : ' ');
        }
        return buffer.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('-')).Where(w => w.Length > 0).ToArray();
    }

    private static bool ContainsAny(string[] words, string[][] phrases)
    {
        foreach (var phrase in phrases)
        {
            for (int i = 0; i + phrase.Length <= words.Length; i++)
                if (MatchesAt(words, i, phrase)) return true;
        }
        return false;
    }

    private static bool CoveredBy(string[] words, string[][] phrases)
    {
        int i = 0;
        while (i < words.Length)
        {
            int matched = 0;
            foreach (var phrase in phrases)
            {
                if (i + phrase.Length <= words.Length && MatchesAt(words, i, phrase)) { matched = phrase.Length; break; }
            }
            if (matched == 0) return false;
            i += matched;
        }
        return true;
    }

    private static bool MatchesAt(string[] words, int at, string[] phrase)
    {
        for (int k = 0; k < phrase.Length; k++) if (words[at + k] != phrase[k]) return false;
        return true;
    }
}
