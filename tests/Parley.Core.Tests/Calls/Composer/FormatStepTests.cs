using Parley.Core.Calls.Composer;

namespace Parley.Core.Tests.Calls.Composer;

/// <summary>Each step alone, on the seed table's before/after examples first, then edge cases.</summary>
public class FormatStepTests
{
    public static TheoryData<string, string, string> Examples() => new()
    {
        // step name, before, after
        { "removeAngleBracketContent", "Hello <tag> world", "Hello  world" },
        { "removeAngleBracketContent", "Keep <<this>> and <break time=\"1s\"/> but not <b>bold</b>", "Keep <<this>> and <break time=\"1s\"/> but not bold" },
        { "removeMarkdownSymbols", "**Wanted** to say *hi*", "**Wanted** to say *hi*" },
        { "removeMarkdownSymbols", "use `code`, _under_ and ~strike~", "use code, under and strike" },
        { "removePhrasesInAsterisks", "**Wanted** to say *hi*", " to say" },
        { "replaceNewLinesWithPeriods", "Hello  world\n to say\nWe have NASA", "Hello  world .  to say . We have NASA" },
        { "replaceColonsWithPeriods", "price: $42.50", "price. $42.50" },
        { "replaceColonsWithPeriods", "at 14:00: bring ID", "at 14:00. bring ID" },
        { "formatAcronyms", "NASA and .NET", "nasa and .net" },
        { "formatAcronyms", "NYC has the FBI", "N Y C has the FBI" },
        { "formatDollarAmounts", "$42.50", "forty two dollars and fifty cents" },
        { "formatDollarAmounts", "$1 or $1,250 or $0.05 or $3.5", "one dollar or one thousand two hundred fifty dollars or five cents or three dollars and fifty cents" },
        { "formatEmails", "JOHN.DOE@example.COM", "JOHN dot DOE at example dot COM" },
        { "formatDates", "2023 05 10", "Wednesday, May 10, 2023" },
        { "formatDates", "due 2024-02-29 not 2023-02-29", "due Thursday, February 29, 2024 not 2023-02-29" },
        { "formatTimes", "14:00", "14" },
        { "formatTimes", "9:30 or 9:05", "9 30 or 9 oh 5" },
        { "formatDistances", "5km", "5 kilometers" },
        { "formatDistances", "1 mi and 300m", "1 mile and 300 meters" },
        { "formatUnits", "43 lb", "forty three pounds" },
        { "formatUnits", "1kg", "one kilogram" },
        { "formatPercentages", "50%", "50 percent" },
        { "formatPhoneNumbers", "123-456-7890", "1 2 3 4 5 6 7 8 9 0" },
        { "formatPhoneNumbers", "call (555) 123-4567 now", "call 5 5 5 1 2 3 4 5 6 7 now" },
        { "formatNumbers", "-9", "minus nine" },
        { "formatNumbers", "2.5", "two point five" },
        { "formatNumbers", "2023", "2023" },
        { "formatNumbers", "12345", "1 2 3 4 5" },
        { "formatNumbers", "1200", "twelve hundred" },
        { "formatNumbers", "1,234 items", "one thousand two hundred thirty four items" },
        { "formatNumbers", "room 42b", "room 42b" },
        { "formatNumbers", "code 1 2 3 4 and 7 cats", "code 1 2 3 4 and seven cats" },
        { "removeAsterisks", "**Bold** and *italic*", "Bold and italic" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_step_turns_the_seed_example_into_its_spoken_form(string step, string before, string after)
    {
        var formatter = VoiceFormatter.AllSteps(new FormatPlan()).Single(s => s.Name == step);
        Assert.Equal(after, formatter.Apply(before));
    }

    [Fact]
    public void Replacements_apply_exact_and_regex_rules_in_order()
    {
        var step = new ApplyReplacementsStep([Replacement.Exact("ST", "STREET"), Replacement.Exact("RD", "ROAD")]);
        Assert.Equal("320 STREET 21 ROAD", step.Apply("320 ST 21 RD"));

        Assert.Equal("hi world, hello universe", new ApplyReplacementsStep([Replacement.Exact("hello", "hi")]).Apply("hello world, hello universe"));
        Assert.Equal("hi world, hi universe", new ApplyReplacementsStep([Replacement.Exact("hello", "hi", replaceAll: true)]).Apply("hello world, hello universe"));
        Assert.Equal("hi and hi but not that", new ApplyReplacementsStep([Replacement.Pattern(@"\b[a-zA-Z]{5}\b", "hi")]).Apply("hello and world but not that"));
        Assert.Equal("(555) 123-4567", new ApplyReplacementsStep([Replacement.Pattern(@"(\d{3})(\d{3})(\d{4})", "($1) $2-$3")]).Apply("5551234567"));
        Assert.Equal("hue hue", new ApplyReplacementsStep([Replacement.Pattern("colou?r", "hue", Parley.Core.Calls.Turns.RegexFlags.IgnoreCase)]).Apply("Color colour"));
    }

    [Fact]
    public void Number_words_read_the_way_voices_say_them()
    {
        Assert.Equal("zero", NumberWords.ToWords(0));
        Assert.Equal("one hundred five", NumberWords.ToWords(105));
        Assert.Equal("minus forty two", NumberWords.ToWords(-42));
        Assert.Equal("two million three thousand one", NumberWords.ToWords(2_003_001));
        Assert.Equal("five quadrillion", NumberWords.ToWords(5_000_000_000_000_000));
        Assert.Equal("nine quintillion two hundred twenty three quadrillion three hundred seventy two trillion thirty six billion eight hundred fifty four million seven hundred seventy five thousand eight hundred seven",
            NumberWords.ToWords(long.MaxValue));
        Assert.Equal("minus 9 2 2 3 3 7 2 0 3 6 8 5 4 7 7 5 8 0 8", NumberWords.ToWords(long.MinValue));
    }
}
