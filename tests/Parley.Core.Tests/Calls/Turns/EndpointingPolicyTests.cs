using Parley.Core.Calls.Turns;

namespace Parley.Core.Tests.Calls.Turns;

public class EndpointingPolicyTests
{
    private static EndpointingDecision Decide(StartSpeakingOptions plan, string customer, string? assistant = null) =>
        EndpointingPolicy.FromPlan(plan).Decide(new EndpointingContext(assistant, customer));

    [Theory]
    [InlineData("I want to transfer $500.", 0.1)]
    [InlineData("Is that right?", 0.1)]
    [InlineData("My account number is 123456789", 0.5)]
    [InlineData("I want to transfer", 1.5)]
    [InlineData("", 1.5)]
    public void Without_smart_endpointing_transcription_endpointing_uses_vapi_defaults(string transcript, double seconds)
    {
        var decision = Decide(new StartSpeakingOptions(), transcript);
        Assert.Equal(TimeSpan.FromSeconds(seconds), decision.Timeout);
        Assert.Equal("transcription", decision.Rule);
        Assert.Equal(TimeSpan.FromSeconds(0.4), decision.WaitBeforeSpeaking);
    }

    [Fact]
    public void Configured_transcription_seconds_are_used()
    {
        var plan = new StartSpeakingOptions
        {
            WaitSeconds = 0.8,
            TranscriptionEndpointing = new() { OnPunctuationSeconds = 0.3, OnNoPunctuationSeconds = 2.5, OnNumberSeconds = 1.25 },
        };
        Assert.Equal(TimeSpan.FromSeconds(0.3), Decide(plan, "Thanks.").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(1.25), Decide(plan, "it is 42").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), Decide(plan, "well").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(0.8), Decide(plan, "well").WaitBeforeSpeaking);
    }

    [Fact]
    public void Smart_endpointing_feeds_the_estimate_into_the_default_wait_function()
    {
        var plan = new StartSpeakingOptions { SmartEndpointing = new SmartEndpointingOptions("livekit") };
        // Statement → x = 0.1: 20 + 500*sqrt(0.1) + 2500*0.001 = 180.6139...
        var decision = Decide(plan, "I'd like a refund.");
        Assert.Equal("smart", decision.Rule);
        Assert.Equal(20 + 500 * Math.Sqrt(0.1) + 2500 * 0.001, decision.Timeout.TotalMilliseconds, 3);
    }

    [Fact]
    public void Smart_endpointing_uses_a_custom_wait_function()
    {
        var plan = new StartSpeakingOptions { SmartEndpointing = new SmartEndpointingOptions("vapi", "200 + 8000 * x") };
        Assert.Equal(TimeSpan.FromMilliseconds(200 + 8000 * 0.9), Decide(plan, "I was going to say that and").Timeout);
    }

    [Fact]
    public void A_custom_endpointing_model_falls_back_to_transcription_endpointing()
    {
        var plan = new StartSpeakingOptions { SmartEndpointing = new SmartEndpointingOptions("custom-endpointing-model") };
        Assert.Equal("transcription", Decide(plan, "Hello.").Rule);
    }

    [Fact]
    public void Custom_rules_win_over_smart_endpointing_in_their_listed_order()
    {
        var plan = new StartSpeakingOptions
        {
            SmartEndpointing = new SmartEndpointingOptions("livekit"),
            CustomEndpointingRules =
            [
                new() { Type = "assistant", Regex = "(phone|email|address)", TimeoutSeconds = 3.0 },
                new() { Type = "customer", Regex = @"\d{3}-\d{3}-\d{4}", TimeoutSeconds = 2.0 },
                new() { Type = "both", AssistantRegex = "^are you", CustomerRegex = "^(yes|no)\\b", CustomerRegexOptions = RegexFlags.IgnoreCase, TimeoutSeconds = 0.2 },
            ],
        };
        Assert.Equal((TimeSpan.FromSeconds(3), "custom:assistant"),
            Pick(Decide(plan, "it's 555-123-4567", "What's your phone number?")));
        Assert.Equal((TimeSpan.FromSeconds(2), "custom:customer"),
            Pick(Decide(plan, "it's 555-123-4567", "How can I help?")));
        Assert.Equal((TimeSpan.FromSeconds(0.2), "custom:both"),
            Pick(Decide(plan, "Yes please", "are you interested in a loan?")));
        Assert.Equal("smart", Decide(plan, "maybe", "are you interested in a loan?").Rule);
    }

    [Theory]
    [InlineData(RegexFlags.None, "HELLO there", false)]
    [InlineData(RegexFlags.IgnoreCase, "HELLO there", true)]
    [InlineData(RegexFlags.WholeWord, "hellothere", false)]
    [InlineData(RegexFlags.WholeWord, "oh hello there", true)]
    public void Regex_options_change_what_a_rule_matches(RegexFlags flags, string transcript, bool matches)
    {
        var rule = new CustomEndpointingRule(new() { Type = "customer", Regex = "hello", RegexOptions = flags, TimeoutSeconds = 4 });
        Assert.Equal(matches ? TimeSpan.FromSeconds(4) : null, rule.Evaluate(new EndpointingContext(null, transcript)));
    }

    [Fact]
    public void Digit_classes_follow_javascript_and_match_ascii_only()
    {
        var rule = new CustomEndpointingRule(new() { Type = "customer", Regex = @"^\d+$", TimeoutSeconds = 1 });
        Assert.NotNull(rule.Evaluate(new EndpointingContext(null, "123")));
        Assert.Null(rule.Evaluate(new EndpointingContext(null, "١٢٣"))); // Arabic-Indic digits are not \d in JavaScript
    }

    [Fact]
    public void An_invalid_wait_function_is_rejected_when_the_policy_is_built()
    {
        var plan = new StartSpeakingOptions { SmartEndpointing = new SmartEndpointingOptions("livekit", "20 + * x") };
        Assert.Throws<FormatException>(() => EndpointingPolicy.FromPlan(plan));
    }

    private static (TimeSpan, string) Pick(EndpointingDecision d) => (d.Timeout, d.Rule);
}
