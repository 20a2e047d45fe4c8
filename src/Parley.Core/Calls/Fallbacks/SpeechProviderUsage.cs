using System.Text.Json.Nodes;

namespace Parley.Core.Calls.Fallbacks;

/// <summary>Which side of the call a speech provider serves.</summary>
public enum SpeechRole { Transcriber, Voice }

/// <summary>A move from a failed speech provider to the next one in its fallback plan.</summary>
public sealed record SpeechProviderSwitch(SpeechRole Role, DateTimeOffset At, string From, string To, string Failure);

/// <summary>
/// What speech providers one call used, for the end-of-call report. Thread-safe: the voice and the transcriber
/// record from their own loops. <see cref="ToJson"/> gives
/// <code>
/// {"transcribers":[{"provider":"deepgram","startedAt":"...","failedAt":"...","failed":"deepgram: 503"},
///                  {"provider":"pocketsphinx","startedAt":"..."}],
///  "voices":[{"provider":"11labs","startedAt":"..."}]}
/// </code>
/// one entry per provider in the order they were used; <c>failed</c>/<c>failedAt</c> only on providers that failed.
/// Times are ISO-8601 UTC with milliseconds, like the rest of Vapi's payloads.
/// </summary>
public sealed class SpeechProviderUsage(TimeProvider clock)
{
    private readonly object _gate = new();
    private readonly List<Entry> _transcribers = [];
    private readonly List<Entry> _voices = [];
    private readonly List<SpeechProviderSwitch> _switches = [];

    /// <summary>Providers of <paramref name="role"/> in the order they were first used.</summary>
    public IReadOnlyList<string> Providers(SpeechRole role)
    {
        lock (_gate) return [.. List(role).Select(e => e.Provider)];
    }

    /// <summary>Every switch of <paramref name="role"/>, oldest first.</summary>
    public IReadOnlyList<SpeechProviderSwitch> Switches(SpeechRole role)
    {
        lock (_gate) return [.. _switches.Where(s => s.Role == role)];
    }

    /// <summary>Notes that <paramref name="provider"/> is in use; a provider already in use is not listed twice.</summary>
    public void Started(SpeechRole role, string provider)
    {
        lock (_gate)
        {
            var list = List(role);
            if (list.Count > 0 && list[^1].Provider == provider && list[^1].Failure is null) return;
            list.Add(new Entry(provider, clock.GetUtcNow()));
        }
    }

    /// <summary>Notes that <paramref name="from"/> failed and <paramref name="to"/> takes over.</summary>
    public void Switched(SpeechRole role, string from, string to, string failure)
    {
        lock (_gate)
        {
            var at = clock.GetUtcNow();
            Failed(role, from, failure);
            _switches.Add(new SpeechProviderSwitch(role, at, from, to, failure));
            Started(role, to);
        }
    }

    /// <summary>Notes that <paramref name="provider"/> failed with nothing left to switch to.</summary>
    public void Failed(SpeechRole role, string provider, string failure)
    {
        lock (_gate)
        {
            var list = List(role);
            var entry = list.LastOrDefault(e => e.Provider == provider);
            if (entry is null)
            {
                entry = new Entry(provider, clock.GetUtcNow());
                list.Add(entry);
            }
            entry.FailedAt = clock.GetUtcNow();
            entry.Failure = failure;
        }
    }

    /// <summary>The usage as JSON for the end-of-call report (shape in the class summary).</summary>
    public JsonObject ToJson()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["transcribers"] = ToJson(_transcribers),
                ["voices"] = ToJson(_voices),
            };
        }
    }

    private static JsonArray ToJson(List<Entry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries)
        {
            var o = new JsonObject { ["provider"] = e.Provider, ["startedAt"] = Json.JsonTime.Iso(e.StartedAt) };
            if (e.Failure is not null)
            {
                o["failedAt"] = Json.JsonTime.Iso(e.FailedAt!.Value);
                o["failed"] = e.Failure;
            }
            array.Add(o);
        }
        return array;
    }

    private List<Entry> List(SpeechRole role) => role == SpeechRole.Voice ? _voices : _transcribers;

    private sealed class Entry(string provider, DateTimeOffset startedAt)
    {
        public string Provider { get; } = provider;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public DateTimeOffset? FailedAt { get; set; }
        public string? Failure { get; set; }
    }
}
