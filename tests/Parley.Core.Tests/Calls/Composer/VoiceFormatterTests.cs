using Parley.Core.Calls.Composer;

namespace Parley.Core.Tests.Calls.Composer;

public class VoiceFormatterTests
{
    [Fact]
    public void Steps_run_in_the_seed_order_with_asterisk_phrases_off_by_default()
    {
        var names = new VoiceFormatter(new FormatPlan()).Steps.Select(s => s.Name).ToArray();
        Assert.Equal(
        [
            "removeAngleBracketContent", "removeMarkdownSymbols", "replaceNewLinesWithPeriods", "replaceColonsWithPeriods",
            "formatAcronyms", "formatDollarAmounts", "formatEmails", "formatDates", "formatTimes", "formatDistances",
            "formatUnits", "formatPercentages", "formatPhoneNumbers", "formatNumbers", "removeAsterisks", "applyReplacements",
        ], names);
    }

    [Fact]
    public void A_whole_reply_comes_out_speakable()
    {
        var formatter = new VoiceFormatter(new FormatPlan { Replacements = [Replacement.Exact("Dr.", "Doctor")] });
        string spoken = formatter.Format("**Total**: $42.50 for Dr. Smith\nCall 123-456-7890 <internal>");
        Assert.Equal("Total. forty two dollars and fifty cents for Doctor Smith . Call 1 2 3 4 5 6 7 8 9 0", spoken.Trim());
    }

    [Fact]
    public void Amounts_past_a_trillion_are_read_out_not_dropped()
    {
        var formatter = new VoiceFormatter(new FormatPlan());

        Assert.Equal("five quadrillion dollars", formatter.Format("$5,000,000,000,000,000").Trim());
        Assert.Equal("two quadrillion kilograms", formatter.Format("2000000000000000 kg").Trim());
    }

    [Fact]
    public void The_number_cutoff_is_configurable()
    {
        Assert.Equal("1 2 3 4 5", new VoiceFormatter(new FormatPlan()).Format("12345"));
        Assert.Equal("twelve thousand three hundred forty five", new VoiceFormatter(new FormatPlan { NumberToDigitsCutoff = 300000 }).Format("12345"));
    }

    [Fact]
    public void Formatters_enabled_limits_the_steps_but_keeps_the_essential_ones()
    {
        var formatter = new VoiceFormatter(new FormatPlan { FormattersEnabled = ["asterisk", "percentage"], Replacements = [Replacement.Exact("a", "b")] });
        Assert.Equal(["removeAngleBracketContent", "removePhrasesInAsterisks", "formatPercentages", "applyReplacements"],
            formatter.Steps.Select(s => s.Name).ToArray());
        Assert.Equal("Done: 50 percent b <x>".Replace(" <x>", ""), formatter.Format("Done: 50% *smiles* a <x>").TrimEnd());
    }

    [Fact]
    public void Disabling_the_chunk_plan_or_the_format_plan_turns_formatting_off()
    {
        Assert.NotNull(VoiceFormatter.For(new ChunkPlan()));
        Assert.Null(VoiceFormatter.For(new ChunkPlan { Enabled = false }));
        Assert.Null(VoiceFormatter.For(new ChunkPlan { FormatPlan = new FormatPlan { Enabled = false } }));
    }
}
