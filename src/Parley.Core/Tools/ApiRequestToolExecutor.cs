using System.Text.Json.Nodes;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.Json;
using Parley.Core.Templates;
using Parley.Core.Tools.Rules;

namespace Parley.Core.Tools;

/// <summary>
/// Runs <c>apiRequest</c> tools (seed 004): renders url, headers and body with Liquid over the conversation's
/// variables and the model's arguments, sends the request with the tool's credential, timeout and backoff plan,
/// extracts variables from the answer into the conversation, and gives the model the response body.
/// </summary>
public sealed class ApiRequestToolExecutor(IOutboundRequestSender sender, ITemplateRenderer templates) : IToolExecutor
{
    private readonly StaticParameters _parameters = new(templates);
    private readonly VariableExtractor _extractor = new(templates);

    public bool CanExecute(string toolType) => toolType == "apiRequest";

    public async Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken)
    {
        var tool = invocation.Tool.Definition;
        var scope = context.TemplateScope(invocation.Arguments);

        string url;
        try
        {
            url = templates.Render(JsonRead.String(tool["url"]) ?? "", scope);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ToolFailed($"The tool's url template could not be rendered: {e.Message}");
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return new ToolFailed($"The tool's url is not an absolute http(s) URL after templating: '{url}'.");

        var method = new HttpMethod((JsonRead.String(tool["method"]) ?? "GET").ToUpperInvariant());
        var request = new OutboundRequest
        {
            Method = method,
            Url = uri.AbsoluteUri,
            Headers = Headers(tool, scope),
            Body = method == HttpMethod.Get || method == HttpMethod.Delete && invocation.Arguments.Count == 0
                ? null
                : _parameters.Apply(invocation.Arguments, tool["parameters"] as JsonArray, tool["body"] as JsonObject, scope),
            CredentialId = JsonRead.String(tool["credentialId"]),
            EncryptedPaths = (tool["encryptedPaths"] as JsonArray)?.Select(JsonRead.String).OfType<string>().ToList() ?? [],
            Timeout = TimeSpan.FromSeconds(JsonRead.Number(tool["timeoutSeconds"]) ?? 20),
            BackoffPlan = tool["backoffPlan"] as JsonObject,
        };

        var outcome = await sender.SendAsync(request, cancellationToken);
        switch (outcome)
        {
            case OutboundFailure failure:
                return new ToolFailed(failure.TimedOut
                    ? $"The request to {uri.Host} timed out after {request.Timeout.TotalSeconds:0.#} seconds."
                    : $"The request to {uri.Host} failed: {failure.Reason}");
            case OutboundResponse { IsSuccess: false } response:
                return new ToolFailed($"The API answered HTTP {response.StatusCode}: {Snippet(response.Text)}");
            case OutboundResponse response:
                var extracted = _extractor.Extract(tool["variableExtractionPlan"] as JsonObject, response.Body, response.Headers);
                foreach (var (key, value) in extracted) context.VariableValues[key] = value?.DeepClone();
                return new ToolSucceeded(response.Text.Length > 0 ? response.Text : $"HTTP {response.StatusCode}");
            default:
                return new ToolFailed("The request ended without an answer.");
        }
    }

    /// <summary>Header-schema properties with a <c>value</c> (or <c>default</c>) become headers, rendered with Liquid.</summary>
    private Dictionary<string, string> Headers(JsonObject tool, JsonObject scope)
    {
        var values = new JsonObject();
        _parameters.FillFromSchema(values, tool["headers"] as JsonObject, scope);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
            if (value is not null) headers[name] = JsonRead.String(value) ?? value.ToJsonString();
        return headers;
    }

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
