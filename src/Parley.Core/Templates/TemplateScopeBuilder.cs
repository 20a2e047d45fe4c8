using System.Globalization;
using System.Text.Json.Nodes;

namespace Parley.Core.Templates;

/// <summary>
/// Builds the Liquid render scope for a conversation as Vapi does: default date/time variables in UTC
/// (now, date, time, month, day, year), the <c>customer</c> object, then the call's variableValues, which win.
/// </summary>
public sealed class TemplateScopeBuilder(TimeProvider clock)
{
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public JsonObject Build(JsonObject? customer = null, JsonObject? variableValues = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scope = new JsonObject
        {
            ["now"] = now.ToString("MMM d, yyyy h:mm tt", English),
            ["date"] = now.ToString("MMM d, yyyy", English),
            ["time"] = now.ToString("h:mm tt", English),
            ["month"] = now.ToString("MMMM", English),
            ["day"] = now.Day.ToString(CultureInfo.InvariantCulture),
            ["year"] = now.Year.ToString(CultureInfo.InvariantCulture),
            ["customer"] = customer?.DeepClone() ?? new JsonObject(),
        };
        if (variableValues is not null)
        {
            foreach (var (key, value) in variableValues) scope[key] = value?.DeepClone();
        }
        return scope;
    }
}
