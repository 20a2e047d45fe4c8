using Parley.Core.Calls.Denoise;

namespace Parley.Core.Tests.Calls.Denoise;

public sealed class LevelHistoryTests
{
    [Fact]
    public void Percentile_covers_only_the_most_recent_window()
    {
        var history = new LevelHistory(4);
        foreach (var level in new double[] { -90, -90, -10, -20, -30, -40 }) history.Add(level);

        Assert.Equal(4, history.Count);
        Assert.Equal(-10, history.Percentile(99));
        Assert.Equal(-40, history.Percentile(1));
        Assert.Equal(-30, history.Percentile(50));
    }
}
