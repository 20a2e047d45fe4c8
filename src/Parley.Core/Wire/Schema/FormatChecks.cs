using System.Globalization;

namespace Parley.Core.Wire.Schema;

/// <summary>The string formats the bundle keeps: date-time, uuid and uri.</summary>
internal static class FormatChecks
{
    public static bool Accepts(string format, string text) => format switch
    {
        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
        "uuid" => Guid.TryParseExact(text, "D", out _),
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ws" or "wss",
        _ => true,
    };
}
