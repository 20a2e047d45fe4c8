using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.ServerMessages;

namespace Parley.Core.Tools;

/// <summary>
/// Runs <c>function</c> tools (and other server-backed types) by sending a <c>tool-calls</c> server message and
/// reading the <c>{"results": [{"toolCallId", "result" | "error"}]}</c> answer. Every way the server can fail
/// becomes a result that says what went wrong, so the conversation goes on.
/// </summary>
public sealed class FunctionToolExecutor(ServerMessenger messenger, IOutboundRequestSender sender) : IToolExecutor
{
    private static readonly HashSet<string> LocalTypes = ["apiRequest", "endCall", "transferCall", "dtmf", "sms"];

    public bool CanExecute(string toolType) => !LocalTypes.Contains(toolType);

    public async Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken)
    {
        var target = ServerMessenger.TargetFor(context, invocation.Tool.Definition);
        if (target is null)
            return new ToolFailed($"No server URL is set for tool '{invocation.Tool.Name}': set tool.server.url, assistant.server.url or the org's server.url.");

        var request = messenger.BuildRequest(context, target, new JsonObject { ["message"] = ServerMessenger.Message(context, ServerMessageTypes.ToolCalls, ToolCallsFields(context, [invocation])) });
        if (invocation.Tool.IsAsync)
        {
            // Async tools don't wait: the request goes out in the background and the model moves on.
            _ = Task.Run(() => sender.SendAsync(request, CancellationToken.None), CancellationToken.None);
            return new ToolSucceeded("The request was sent. This tool is async, so no result is returned.");
        }

        var outcome = await sender.SendAsync(request, cancellationToken);
        return ReadResult(outcome, invocation, target.Url);
    }

    /// <summary>What a tool definition says about reaching its server (secrets among it), kept from clients.</summary>
    private static readonly string[] ServerFields = ["server", "url", "headers", "body", "credentialId", "encryptedPaths", "backoffPlan"];

    /// <summary>The tool-calls message fields exactly as Vapi's docs show them: both flat and nested call forms.</summary>
    /// <param name="forClient">
    /// For the call's client (a browser, a phone app): without the conversation so far, which the tool's server reads,
    /// and without how the tool reaches its server (url, secret, headers, credential), which only the org may see.
    /// </param>
    public static JsonObject ToolCallsFields(ConversationContext context, IReadOnlyList<ToolInvocation> invocations, bool forClient = false)
    {
        var toolCallList = new JsonArray();
        var toolWithToolCallList = new JsonArray();
        foreach (var invocation in invocations)
        {
            var call = invocation.Call;
            toolCallList.Add(new JsonObject
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = invocation.Arguments.DeepClone() },
                ["name"] = call.Name,
                ["arguments"] = invocation.Arguments.DeepClone(),
                ["parameters"] = invocation.Arguments.DeepClone(),
            });
            var withCall = (JsonObject)invocation.Tool.Definition.DeepClone();
            withCall.Remove("orgId");
            if (forClient)
                foreach (var field in ServerFields) withCall.Remove(field);
            withCall["name"] ??= call.Name;
            withCall["toolCall"] = new JsonObject
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject
                {
                    ["name"] = call.Name,
                    ["arguments"] = invocation.Arguments.DeepClone(),
                    ["parameters"] = invocation.Arguments.DeepClone(),
                },
            };
            toolWithToolCallList.Add(withCall);
        }
        var fields = new JsonObject { ["toolCallList"] = toolCallList, ["toolWithToolCallList"] = toolWithToolCallList };
        if (!forClient) fields["artifact"] = ServerMessenger.Artifact(context);
        return fields;
    }

    public static ToolOutcome ReadResult(OutboundResult outcome, ToolInvocation invocation, string url)
    {
        switch (outcome)
        {
            case OutboundFailure failure:
                return new ToolFailed(failure.TimedOut
                    ? $"The tool server at {url} did not answer in time."
                    : $"The tool server at {url} could not be reached: {failure.Reason}");
            case OutboundResponse { IsSuccess: false } response:
                return new ToolFailed($"The tool server answered HTTP {response.StatusCode}: {Snippet(response.Text)}");
            case OutboundResponse response:
                if (response.Body is not JsonObject body)
                    return new ToolFailed($"The tool server's answer is not JSON: {Snippet(response.Text)}");
                if (body["results"] is not JsonArray results)
                    return body["error"] is JsonValue topError
                        ? new ToolFailed(topError.ToString())
                        : new ToolFailed("The tool server's answer has no results array, so no result was returned.");
                var match = results.OfType<JsonObject>().FirstOrDefault(r => r["toolCallId"]?.ToString() == invocation.Call.Id)
                            ?? (results.Count == 1 ? results[0] as JsonObject : null);
                if (match is null)
                    return new ToolFailed($"The tool server returned no result for toolCallId {invocation.Call.Id}.");
                var message = match["message"] as JsonObject;
                if (match["error"] is { } error && error.GetValueKind() != System.Text.Json.JsonValueKind.Null)
                    return new ToolFailed(AsText(error)) { MessageOverride = message };
                if (match["result"] is { } result && result.GetValueKind() != System.Text.Json.JsonValueKind.Null)
                    return new ToolSucceeded(AsText(result)) { MessageOverride = message };
                return new ToolFailed("The tool server's result has neither result nor error.") { MessageOverride = message };
            default:
                return new ToolFailed("The tool server request ended without an answer.");
        }
    }

    private static string AsText(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();

    private static string Snippet(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
