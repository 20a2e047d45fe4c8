using System.Globalization;
using Parley.Core.Json;

namespace Parley.Core.Tests.Calls.Session;

public sealed class CallMessagesTimestampTests
{
    [Fact]
    public void Timestamps_keep_their_colons_under_a_culture_with_another_time_separator()
    {
        var previous = CultureInfo.CurrentCulture;
        var finnish = new CultureInfo("fi-FI");
        try
        {
            CultureInfo.CurrentCulture = finnish;
            Assert.Equal(".", finnish.DateTimeFormat.TimeSeparator);

            Assert.Equal("2026-01-02T03:04:05.006Z", JsonTime.Iso(new DateTimeOffset(2026, 1, 2, 5, 4, 5, 6, TimeSpan.FromHours(2))));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
