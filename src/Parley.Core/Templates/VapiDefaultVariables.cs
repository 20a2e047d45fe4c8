using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.Core.Templates;

/// <summary>
/// The variables every Vapi template sees: <c>now</c>, <c>date</c>, <c>time</c>, <c>month</c>, <c>day</c>,
/// <c>year</c> (UTC, in the formats of Vapi's docs: "Jan 1, 2024 12:00 PM", "Jan 1, 2024", "12:00 PM", "January",
/// "1", "2024"), <c>customer</c>, then the conversation's variableValues, which win over all of these.
/// </summary>
public static class VapiDefaultVariables
{
    public static JsonObject Build(TimeProvider clock, JsonObject? customer, JsonObject? variableValues)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var culture = CultureInfo.InvariantCulture;
        var scope = new JsonObject
        {
            ["now"] = now.ToString("MMM d, yyyy h:mm tt", culture),
            ["date"] = now.ToString("MMM d, yyyy", culture),
            ["time"] = now.ToString("h:mm tt", culture),
            ["month"] = now.ToString("MMMM", culture),
            ["day"] = now.Day.ToString(culture),
            ["year"] = now.Year.ToString(culture),
            ["customer"] = customer?.DeepClone() ?? new JsonObject(),
        };
        foreach (var (key, value) in variableValues ?? []) scope[key] = value?.DeepClone();
        return scope;
    }
}
