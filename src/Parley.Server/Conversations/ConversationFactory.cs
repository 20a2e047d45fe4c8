using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Conversations;
using Parley.Core.Http;
using Parley.Core.ServerMessages;
using Parley.Core.Templates;
using Parley.Core.Tools;
using Parley.Server.Security;
using Parley.Server.Store;

namespace Parley.Server.Conversations;

/// <summary>Creates the outbound HTTP sender for one org (its credentials authenticate the requests).</summary>
public delegate IOutboundRequestSender OutboundSenderFactory(ICredentialStore credentials);

/// <summary>Creates the tool rules (rejection plans, tool messages) over the template engine.</summary>
/// <param name="spoken">A call (what fills a tool's wait is said) rather than a chat.</param>
public delegate IToolCallRules ToolRulesFactory(ITemplateRenderer templates, bool spoken);

/// <summary>Creates the executor for apiRequest tools.</summary>
public delegate IToolExecutor ApiRequestExecutorFactory(IOutboundRequestSender sender, ITemplateRenderer templates);

/// <summary>
/// Assembles a conversation: the org's credentials behind an outbound sender, the server messenger, the
/// assistant's tools with their executors and rules, the model, and the template scope.
/// </summary>
public sealed class ConversationFactory(
    IDbContextFactory<ParleyDbContext> contexts,
    DocumentSecrets secrets,
    IConversationModels models,
    ITemplateRenderer templates,
    OutboundSenderFactory senders,
    ToolRulesFactory rules,
    ApiRequestExecutorFactory apiRequests,
    ConversationScope scope,
    TimeProvider clock) : IConversationFactory
{
    public async Task<(ConversationKit? Kit, string? Error)> CreateAsync(ConversationStart start, ICallControl control, CancellationToken cancellationToken)
    {
        var (model, error) = await models.CreateAsync(start.OrgId, start.Assistant.Assistant, cancellationToken);
        if (model is null) return (null, error);

        var sender = senders(new DbCredentialStore(contexts, secrets, start.OrgId));
        var messenger = new ServerMessenger(sender, templates);
        var catalog = new ToolCatalog(start.Assistant.Tools);
        IToolExecutor[] executors =
        [
            apiRequests(sender, templates),
            new CallControlToolExecutor(control, messenger),
            new FunctionToolExecutor(messenger, sender),
        ];
        var round = new ToolRound(catalog, executors, rules(templates, spoken: start.Call is not null));

        var context = new ConversationContext
        {
            OrgId = start.OrgId,
            Assistant = start.Assistant.Assistant,
            Call = start.Call,
            Chat = start.Chat,
            Customer = start.Customer,
            PhoneNumber = start.PhoneNumber,
            Org = start.Org,
            VariableValues = (JsonObject)start.VariableValues.DeepClone(),
            Clock = clock,
            ScopeBuilder = scope.Build,
        };
        foreach (var system in SystemPrompt(context)) context.History.Add(system);

        return (new ConversationKit(context, new ConversationRunner(model, catalog, round), ModelSettings.From(context.Assistant, context), messenger) { Tools = round }, null);
    }

    /// <summary>The assistant's <c>model.messages</c>, templated over the conversation's variables.</summary>
    private IEnumerable<Parley.Core.Llm.ChatMessage> SystemPrompt(ConversationContext context)
    {
        if (context.Assistant["model"]?["messages"] is not JsonArray messages) yield break;
        var variables = context.TemplateScope();
        foreach (var item in messages.OfType<JsonObject>())
        {
            if (OpenAiMessages.FromJson(item) is not { } message) continue;
            yield return message with { Content = Render(message.Content, variables) };
        }
    }

    private string? Render(string? text, JsonObject variables)
    {
        if (text is null || (!text.Contains("{{") && !text.Contains("{%"))) return text;
        try { return templates.Render(text, variables); }
        catch (Exception) { return text; }
    }
}
