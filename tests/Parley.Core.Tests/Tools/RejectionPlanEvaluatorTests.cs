using System.Text.Json.Nodes;
using Parley.Core.Llm;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Tests.Tools;

public sealed class RejectionPlanEvaluatorTests
{
    private static JsonObject Plan(string json) => JsonNode.Parse(json)!.AsObject();

    private static RejectionDecision Evaluate(string plan, params ChatMessage[] messages) =>
        new RejectionPlanEvaluator(new FakeTemplateRenderer()).Evaluate(Plan(plan), messages, null);

    // Seed 004, example 1: reject endCall if the user didn't say goodbye.
    private const string GoodbyePlan = """
        {"conditions":[{"type":"regex","regex":"(?i)\\b(bye|goodbye|farewell|see you later|take care)\\b","target":{"position":-1,"role":"user"},"negate":true}]}
        """;

    [Fact]
    public void Example_1_end_call_runs_when_the_last_user_message_says_goodbye_in_any_case()
    {
        var decision = Evaluate(GoodbyePlan, ChatMessage.User("hi"), ChatMessage.User("OK, GoodBye then"), ChatMessage.Assistant("Bye!"));

        Assert.False(decision.Rejected);
    }

    [Fact]
    public void Example_1_end_call_is_rejected_when_the_last_user_message_has_no_goodbye()
    {
        var decision = Evaluate(GoodbyePlan, ChatMessage.User("goodbye"), ChatMessage.User("wait, one more question"));

        Assert.True(decision.Rejected);
        Assert.Contains("did not match", decision.Reason);
        Assert.Contains("user message", decision.Reason);
    }

    [Fact]
    public void Example_1_word_boundaries_follow_javascript_so_byebye_is_not_a_goodbye()
    {
        Assert.True(Evaluate(GoodbyePlan, ChatMessage.User("byebye")).Rejected);
    }

    // Seed 004, example 2: reject transfer if the user is actually asking a question.
    private const string QuestionPlan = """{"conditions":[{"type":"regex","regex":"\\?","target":{"position":-1,"role":"user"}}]}""";

    [Fact]
    public void Example_2_transfer_is_rejected_when_the_last_user_message_is_a_question()
    {
        var decision = Evaluate(QuestionPlan, ChatMessage.User("transfer me"), ChatMessage.User("what are your hours?"), ChatMessage.Assistant("Sure."));

        Assert.True(decision.Rejected);
        Assert.Contains(@"/\?/", decision.Reason);
    }

    [Fact]
    public void Example_2_transfer_runs_when_the_last_user_message_is_not_a_question()
    {
        Assert.False(Evaluate(QuestionPlan, ChatMessage.User("what?"), ChatMessage.User("put me through to sales")).Rejected);
    }

    [Fact]
    public void No_conditions_means_the_tool_runs()
    {
        Assert.False(Evaluate("""{"conditions":[]}""", ChatMessage.User("anything")).Rejected);
        Assert.False(new RejectionPlanEvaluator(new FakeTemplateRenderer()).Evaluate(null, [ChatMessage.User("x")], null).Rejected);
    }

    [Fact]
    public void Without_a_target_the_last_message_of_any_role_is_checked()
    {
        const string plan = """{"conditions":[{"type":"regex","regex":"sure"}]}""";

        Assert.True(Evaluate(plan, ChatMessage.User("hello"), ChatMessage.Assistant("sure thing")).Rejected);
        Assert.False(Evaluate(plan, ChatMessage.Assistant("sure thing"), ChatMessage.User("hello")).Rejected);
    }

    [Fact]
    public void A_non_negative_position_counts_from_the_first_message_of_the_role()
    {
        const string plan = """{"conditions":[{"type":"regex","regex":"^first","target":{"position":0,"role":"user"}}]}""";

        Assert.True(Evaluate(plan, ChatMessage.Assistant("hello"), ChatMessage.User("first words"), ChatMessage.User("second")).Rejected);
    }

    [Fact]
    public void A_missing_target_message_never_matches_even_when_negated()
    {
        const string plan = """{"conditions":[{"type":"regex","regex":"x","target":{"position":-3,"role":"user"},"negate":true}]}""";

        Assert.False(Evaluate(plan, ChatMessage.User("a"), ChatMessage.User("b")).Rejected);
    }

    [Fact]
    public void All_top_level_conditions_must_match_to_reject()
    {
        const string plan = """{"conditions":[{"type":"regex","regex":"cancel"},{"type":"regex","regex":"order"}]}""";

        Assert.True(Evaluate(plan, ChatMessage.User("cancel my order")).Rejected);
        Assert.False(Evaluate(plan, ChatMessage.User("cancel my subscription")).Rejected);
    }

    [Fact]
    public void An_or_group_rejects_when_any_member_matches_and_reports_that_member()
    {
        const string plan = """
            {"conditions":[{"type":"group","operator":"OR","conditions":[
              {"type":"regex","regex":"refund"},
              {"type":"group","operator":"AND","conditions":[{"type":"regex","regex":"angry"},{"type":"regex","regex":"manager"}]}]}]}
            """;

        var byNested = Evaluate(plan, ChatMessage.User("I am angry, get me a manager"));
        Assert.True(byNested.Rejected);
        Assert.Contains("/angry/", byNested.Reason);
        Assert.Contains("/manager/", byNested.Reason);
        Assert.True(Evaluate(plan, ChatMessage.User("I want a refund")).Rejected);
        Assert.False(Evaluate(plan, ChatMessage.User("I am angry")).Rejected);
    }

    [Fact]
    public void An_invalid_regex_never_matches_and_warns()
    {
        var decision = Evaluate("""{"conditions":[{"type":"regex","regex":"(unclosed"}]}""", ChatMessage.User("(unclosed"));

        Assert.False(decision.Rejected);
        Assert.Contains(decision.Warnings, w => w.Contains("invalid"));
    }

    [Fact]
    public void Javascript_digit_class_is_ascii_only()
    {
        const string plan = """{"conditions":[{"type":"regex","regex":"^\\d+$"}]}""";

        Assert.True(Evaluate(plan, ChatMessage.User("123")).Rejected);
        Assert.False(Evaluate(plan, ChatMessage.User("١٢٣")).Rejected);
    }

    [Fact]
    public void Javascript_any_character_class_matches_across_lines()
    {
        Assert.True(Evaluate("""{"conditions":[{"type":"regex","regex":"start[^]*end"}]}""", ChatMessage.User("start\nmiddle\nend")).Rejected);
    }

    [Fact]
    public void Lookbehind_still_works_outside_ecmascript_mode()
    {
        Assert.True(Evaluate("""{"conditions":[{"type":"regex","regex":"(?<=order )\\d+"}]}""", ChatMessage.User("order 42")).Rejected);
    }

    [Fact]
    public void A_liquid_condition_rendering_true_with_whitespace_rejects()
    {
        var renderer = new FakeTemplateRenderer();
        var variables = new JsonObject { ["blocked"] = "true" };

        var decision = new RejectionPlanEvaluator(renderer).Evaluate(
            Plan("""{"conditions":[{"type":"liquid","liquid":"  {{ blocked }}\n"}]}"""), [ChatMessage.User("hi")], variables);

        Assert.True(decision.Rejected);
        Assert.Contains("liquid", decision.Reason);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("yes")]
    [InlineData("true true")]
    [InlineData("")]
    public void A_liquid_condition_not_rendering_exactly_true_does_not_reject(string output)
    {
        var decision = new RejectionPlanEvaluator(new FakeTemplateRenderer()).Evaluate(
            Plan("""{"conditions":[{"type":"liquid","liquid":"{{ out }}"}]}"""), [ChatMessage.User("hi")], new JsonObject { ["out"] = output });

        Assert.False(decision.Rejected);
        Assert.Equal(output != "false", decision.Warnings.Count == 1);
    }

    [Fact]
    public void A_liquid_render_error_does_not_reject_and_warns()
    {
        var decision = Evaluate("""{"conditions":[{"type":"liquid","liquid":"{% if %}"}]}""", ChatMessage.User("hi"));

        Assert.False(decision.Rejected);
        Assert.Contains(decision.Warnings, w => w.Contains("failed to render"));
    }

    private const string Example3Liquid = """
        {% assign recentMessages = messages | last: 5 %}
        {% assign userMessages = recentMessages | where: 'role', 'user' %}
        {% assign mentioned = false %}
        {% for msg in userMessages %}
          {% if msg.content contains 'transfer' or msg.content contains 'connect' or msg.content contains 'speak to' %}
            {% assign mentioned = true %}
            {% break %}
          {% endif %}
        {% endfor %}
        {% if mentioned %}
          false
        {% else %}
          true
        {% endif %}
        """;

    /// <summary>Seed 004 example 3 in C#, to prove the template receives OpenAI-format messages and variables.</summary>
    private static string Example3(string template, JsonObject? scope)
    {
        Assert.Equal(Example3Liquid, template);
        Assert.Equal("caller-7", scope!["customerId"]!.GetValue<string>());
        var messages = scope["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
        var mentioned = messages.TakeLast(5)
            .Where(m => m["role"]!.GetValue<string>() == "user")
            .Select(m => m["content"]!.GetValue<string>())
            .Any(c => c.Contains("transfer") || c.Contains("connect") || c.Contains("speak to"));
        return mentioned ? "\n  false\n" : "\n  true\n";
    }

    [Fact]
    public void Example_3_transfer_is_rejected_when_no_recent_user_message_asks_for_it()
    {
        var evaluator = new RejectionPlanEvaluator(new ScriptedTemplateRenderer(Example3));
        var plan = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "liquid", ["liquid"] = Example3Liquid }) };
        var variables = new JsonObject { ["customerId"] = "caller-7" };

        var rejected = evaluator.Evaluate(plan, [ChatMessage.User("what time do you open"), ChatMessage.Assistant("At nine.")], variables);
        var allowed = evaluator.Evaluate(plan, [ChatMessage.User("can I speak to a human"), ChatMessage.Assistant("Sure.")], variables);

        Assert.True(rejected.Rejected);
        Assert.False(allowed.Rejected);
    }

    [Fact]
    public void Example_4_end_call_is_rejected_when_the_user_repeats_themselves()
    {
        // Seed 004 example 4's logic: the last three user messages (of the last six) repeating, or a loop phrase.
        string Looping(string _, JsonObject? scope)
        {
            var user = scope!["messages"]!.AsArray().TakeLast(6).Where(m => (string?)m!["role"] == "user")
                .Select(m => ((string)m!["content"]!).ToLowerInvariant()).Reverse().ToList();
            if (user.Count < 3) return "false";
            var repeated = user[0] == user[1] || user[0] == user[2] || user[1] == user[2];
            var phrase = user.Take(3).Any(m => m.Contains("cool thanks") || m.Contains("okay thanks") || m.Contains("got it"));
            return repeated || phrase ? "true" : "false";
        }
        var evaluator = new RejectionPlanEvaluator(new ScriptedTemplateRenderer(Looping));
        var plan = Plan("""{"conditions":[{"type":"liquid","liquid":"(example 4 template)"}]}""");

        var looping = evaluator.Evaluate(plan,
            [ChatMessage.User("Got it"), ChatMessage.Assistant("Anything else?"), ChatMessage.User("ok"), ChatMessage.Assistant("Bye?"), ChatMessage.User("ok")], null);
        var fresh = evaluator.Evaluate(plan, [ChatMessage.User("hi"), ChatMessage.User("book a table"), ChatMessage.User("for two")], null);

        Assert.True(looping.Rejected);
        Assert.False(fresh.Rejected);
    }
}
