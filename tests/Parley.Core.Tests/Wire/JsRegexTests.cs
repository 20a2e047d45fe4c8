using Parley.Core.Wire.Schema;

namespace Parley.Core.Tests.Wire;

public class JsRegexTests
{
    [Fact]
    public void Slash_delimited_literal_is_unwrapped()
    {
        var (regex, literal) = JsRegex.Translate("/^[a-zA-Z0-9_-]{1,40}$/")!.Value;
        Assert.Equal("/^[a-zA-Z0-9_-]{1,40}$/", literal);
        Assert.Matches(regex, "get_orders");
        Assert.DoesNotMatch(regex, "get orders");
    }

    [Fact]
    public void Unicode_flag_allows_property_escapes()
    {
        var (regex, _) = JsRegex.Translate(@"/^\p{L}[\p{L}\d]*(?::[+-]?\d+)?$/u")!.Value;
        Assert.Matches(regex, "Zoë:2");
        Assert.DoesNotMatch(regex, "1abc");
    }

    [Fact]
    public void Digit_class_is_ascii_only_like_javascript()
    {
        var (regex, _) = JsRegex.Translate(@"/^\d+$/")!.Value;
        Assert.Matches(regex, "123");
        Assert.DoesNotMatch(regex, "١٢٣"); // Arabic-Indic digits match \d in .NET but not in JavaScript
    }

    [Fact]
    public void Bare_pattern_is_printed_as_a_literal()
    {
        var (regex, literal) = JsRegex.Translate("^org-[a-z0-9-]+$")!.Value;
        Assert.Equal("/^org-[a-z0-9-]+$/", literal);
        Assert.Matches(regex, "org-acme");
    }
}
