using Parley.Core.Tools.Rules;

namespace Parley.Core.Tests.Tools;

public sealed class JsRegexTests
{
    [Theory]
    [InlineData("(?i)HELLO", "say hello", true)]
    [InlineData("done$", "done\n", false)]
    [InlineData("(?m)done$", "done\nnext", true)]
    [InlineData("a[]b", "ab", false)]
    [InlineData("a[^]b", "a\nb", true)]
    [InlineData("[$]", "costs $5", true)]
    [InlineData(@"\$5$", "costs $5", true)]
    [InlineData(@"^\w+$", "café", false)]
    [InlineData(@"(?<=#)\d+$", "ticket #٤٢", false)]
    [InlineData(@"(?<=#)\d+$", "ticket #42", true)]
    [InlineData(@"(?s)a.b", "a\nb", true)]
    [InlineData(@"(?i)(?<=id:)\w+", "ID:abc", true)]
    public void Patterns_match_as_javascript_regexp_test_would(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, JsRegex.Create(pattern).IsMatch(input));
    }

    [Fact]
    public void An_invalid_pattern_throws_argument_exception()
    {
        Assert.ThrowsAny<ArgumentException>(() => JsRegex.Create("(a"));
    }

    [Fact]
    public void Every_regex_has_a_match_timeout()
    {
        Assert.Equal(JsRegex.MatchTimeout, JsRegex.Create("(a+)+b").MatchTimeout);
        Assert.Equal(JsRegex.MatchTimeout, JsRegex.Create("(?<=x)a").MatchTimeout);
    }
}
