using System.Text.RegularExpressions;
using Parley.Core.Text;

namespace Parley.Core.Tests.Text;

// Invariant: one translator gives every user and spec pattern JavaScript's RegExp semantics, with a timeout.
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

    [Fact]
    public void Slash_delimited_literal_is_unwrapped()
    {
        var (regex, literal) = JsRegex.FromLiteral("/^[a-zA-Z0-9_-]{1,40}$/")!.Value;
        Assert.Equal("/^[a-zA-Z0-9_-]{1,40}$/", literal);
        Assert.Matches(regex, "get_orders");
        Assert.DoesNotMatch(regex, "get orders");
    }

    [Fact]
    public void Unicode_flag_allows_property_escapes()
    {
        var (regex, _) = JsRegex.FromLiteral(@"/^\p{L}[\p{L}\d]*(?::[+-]?\d+)?$/u")!.Value;
        Assert.Matches(regex, "Zoë:2");
        Assert.DoesNotMatch(regex, "1abc");
    }

    [Fact]
    public void Digit_class_is_ascii_only_like_javascript()
    {
        var (regex, _) = JsRegex.FromLiteral(@"/^\d+$/")!.Value;
        Assert.Matches(regex, "123");
        Assert.DoesNotMatch(regex, "١٢٣"); // Arabic-Indic digits match \d in .NET but not in JavaScript
    }

    [Fact]
    public void Bare_pattern_is_printed_as_a_literal()
    {
        var (regex, literal) = JsRegex.FromLiteral("^org-[a-z0-9-]+$")!.Value;
        Assert.Equal("/^org-[a-z0-9-]+$/", literal);
        Assert.Matches(regex, "org-acme");
    }

    [Fact]
    public void Vapi_options_and_whole_word_apply_and_a_call_can_set_a_shorter_timeout()
    {
        var regex = JsRegex.Create("yes", RegexOptions.IgnoreCase, wholeWord: true, timeout: TimeSpan.FromMilliseconds(50));
        Assert.True(JsRegex.Test(regex, "YES please"));
        Assert.False(JsRegex.Test(regex, "yesterday"));
        Assert.False(JsRegex.Test(regex, null));
        Assert.Equal(TimeSpan.FromMilliseconds(50), regex.MatchTimeout);
    }

    [Fact]
    public void TryCreate_reports_an_invalid_pattern_instead_of_throwing()
    {
        Assert.False(JsRegex.TryCreate("(a", out var regex, out var error));
        Assert.Null(regex);
        Assert.StartsWith("invalid regex '(a'", error);
    }
}
