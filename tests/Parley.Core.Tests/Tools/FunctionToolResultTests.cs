using System.Text.Json.Nodes;
using Parley.Core.Http;
using Parley.Core.Llm;
using Parley.Core.Tools;

namespace Parley.Core.Tests.Tools;

/// <summary>Every answer a tool server can give becomes a result or an error that says what happened.</summary>
public sealed class FunctionToolResultTests
{
    private static readonly ToolInvocation Invocation = new(new ToolCall("call_1", "lookup", "{}"), new JsonObject(),
        ToolCatalog.Resolve(new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = "lookup" } })!);

    private static OutboundResponse Answer(int status, string text)
    {
        JsonNode? body;
        try { body = JsonNode.Parse(text); } catch (System.Text.Json.JsonException) { body = null; }
        return new OutboundResponse(status, new Dictionary<string, string>(), text, body);
    }

    [Fact]
    public void A_string_result_for_the_call_id_is_the_tool_result()
    {
        var outcome = FunctionToolExecutor.ReadResult(Answer(200, """{"results":[{"toolCallId":"other","result":"no"},{"toolCallId":"call_1","result":"62F and sunny"}]}"""), Invocation, "http://x");
        Assert.Equal("62F and sunny", Assert.IsType<ToolSucceeded>(outcome).Result);
    }

    [Fact]
    public void An_object_result_is_passed_as_JSON_text()
    {
        var outcome = FunctionToolExecutor.ReadResult(Answer(200, """{"results":[{"toolCallId":"call_1","result":{"temp":62}}]}"""), Invocation, "http://x");
        Assert.Equal("""{"temp":62}""", Assert.IsType<ToolSucceeded>(outcome).Result);
    }

    [Fact]
    public void An_error_result_is_a_failure_with_the_servers_words_and_message_override()
    {
        var outcome = FunctionToolExecutor.ReadResult(Answer(200, """{"results":[{"toolCallId":"call_1","error":"Order not found","message":{"type":"request-failed","content":"I could not find it."}}]}"""), Invocation, "http://x");
        var failed = Assert.IsType<ToolFailed>(outcome);
        Assert.Equal("Order not found", failed.Error);
        Assert.Equal("I could not find it.", failed.MessageOverride!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(500, "boom", "The tool server answered HTTP 500: boom")]
    [InlineData(200, "<html>not json</html>", "The tool server's answer is not JSON: <html>not json</html>")]
    [InlineData(200, """{"ok":true}""", "The tool server's answer has no results array, so no result was returned.")]
    [InlineData(200, """{"results":[{"toolCallId":"a","result":"x"},{"toolCallId":"b","result":"y"}]}""", "The tool server returned no result for toolCallId call_1.")]
    public void Wrong_answers_become_errors_that_say_what_went_wrong(int status, string text, string expected)
    {
        Assert.Equal(expected, Assert.IsType<ToolFailed>(FunctionToolExecutor.ReadResult(Answer(status, text), Invocation, "http://x")).Error);
    }

    [Fact]
    public void No_answer_says_whether_it_timed_out()
    {
        Assert.Equal("The tool server at http://x did not answer in time.",
            Assert.IsType<ToolFailed>(FunctionToolExecutor.ReadResult(new OutboundFailure("timeout", true), Invocation, "http://x")).Error);
        Assert.Equal("The tool server at http://x could not be reached: connection refused",
            Assert.IsType<ToolFailed>(FunctionToolExecutor.ReadResult(new OutboundFailure("connection refused", false), Invocation, "http://x")).Error);
    }
}
