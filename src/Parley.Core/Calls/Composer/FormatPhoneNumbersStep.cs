using System.Text.RegularExpressions;

namespace Parley.Core.Calls.Composer;

/// <summary>Step 11: phone numbers are read digit by digit: <c>123-456-7890</c> becomes "1 2 3 4 5 6 7 8 9 0".</summary>
public sealed partial class FormatPhoneNumbersStep() : RegexFormatStep("formatPhoneNumbers", "phoneNumber", Pattern())
{
    [GeneratedRegex(@"(?<![\d-])(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]?\d{3}[-. ]\d{4}(?![\d-])|(?<![\d-])\d{10,11}(?![\d-])")]
    private static partial Regex Pattern();

    protected override string Replace(Match match)
    {
        return NumberWords.SpaceDigits(match.Value);
    }
}
