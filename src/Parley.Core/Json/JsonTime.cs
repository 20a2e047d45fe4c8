using System.Globalization;

namespace Parley.Core.Json;

/// <summary>
/// Times as Vapi's JSON writes them: ISO-8601 UTC with milliseconds, like JavaScript's toISOString, in the invariant
/// culture (a culture's own time separator, e.g. fi-FI's '.', must not leak into the ':').
/// </summary>
public static class JsonTime
{
    public static string Iso(DateTimeOffset at) => Iso(at.UtcDateTime);

    /// <summary><paramref name="utc"/> is taken as UTC whatever its Kind (stored rows come back Unspecified).</summary>
    public static string Iso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
