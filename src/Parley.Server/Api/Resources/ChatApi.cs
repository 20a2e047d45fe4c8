using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.ServerMessages;
using Parley.Server.Api.Infrastructure;
using Parley.Server.Conversations;
using Parley.Server.Store;

namespace Parley.Server.Api.Resources;

/// <summary>
/// <c>/chat</c>: a text conversation with an assistant — the same templates, tools, variables and server messages
/// as a call, without audio. <c>previousChatId</c> continues an earlier chat; <c>stream: true</c> answers with SSE.
/// </summary>
public static class ChatApi
{
    public static RouteGroupBuilder MapChats(this RouteGroupBuilder group)
    {
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapDelete("/{id}", DeleteAsync);
        return group;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiServices api, AssistantResolver resolver, IConversationFactory factory,
        ILoggerFactory loggers)
    {
        var read = await RequestBody.ReadObjectAsync(http, api.Options.MaxRequestBodyBytes);
        if (read.Error is not null) return read.Error;
        var body = read.Body!;
        var orgId = http.Caller().OrgId;
        var ct = http.RequestAborted;

        var errors = api.Validator.Validate("CreateChatDTO", body).ToList();
        if (errors.Count == 0) errors.AddRange(ChatRules.Check(body));
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);

        JsonObject? previous = null;
        if (body.StringOrNull("previousChatId") is { } previousId)
        {
            var row = await api.Db.Chats.ForOrg(orgId).AsNoTracking().FirstOrDefaultAsync(c => c.Id == previousId, ct);
            if (row is null) return VapiErrors.BadRequest($"previousChatId must reference an existing chat (no chat with id '{previousId}' in this org)");
            previous = api.Secrets.Decrypted(DocumentJson.ParseBody(row.Body));
        }

        var assistantId = body.StringOrNull("assistantId");
        var transient = body["assistant"] as JsonObject;
        if (assistantId is null && transient is null && previous is not null)
        {
            assistantId = previous.StringOrNull("assistantId");
            transient = previous["assistant"] as JsonObject;
        }
        var (assistant, resolveError) = await resolver.ResolveAsync(orgId, assistantId, transient, body["assistantOverrides"] as JsonObject, ct);
        if (assistant is null) return VapiErrors.BadRequest(resolveError!);

        var variables = previous is null ? new JsonObject() : ChatRecord.VariableValues(previous);
        foreach (var (key, value) in assistant.VariableValues) variables[key] = value?.DeepClone();

        var chatId = Guid.NewGuid().ToString();
        var now = DocumentJson.Now(api.Clock);
        var chat = (JsonObject)body.DeepClone();
        chat.Remove("stream");
        if (assistantId is not null) chat["assistantId"] = assistantId;
        var chatForMessages = (JsonObject)chat.DeepClone();
        chatForMessages["id"] = chatId;
        chatForMessages["orgId"] = orgId;

        var org = await api.Db.Orgs.AsNoTracking().FirstAsync(o => o.Id == orgId, ct);
        var control = new ChatCallControl();
        var (kit, kitError) = await factory.CreateAsync(new ConversationStart(orgId, assistant, variables, null, chatForMessages, null, null,
            api.Secrets.Decrypted(DocumentJson.ParseBody(org.Body))), control, ct);
        if (kit is null) return VapiErrors.BadRequest(kitError!);

        var context = kit.Context;
        // The system prompt is rendered afresh for this chat; the earlier chat contributes the conversation itself.
        if (previous is not null) context.History.AddRange(ChatRecord.History(previous).Where(m => m.Role != ChatRole.System));
        var contextMessages = context.History.Select(OpenAiMessages.ToJson).ToList();
        var input = ChatRecord.Input(body["input"]);
        if (input.Count == 0) return VapiErrors.BadRequest("input must be a non-empty string or a non-empty array of messages");
        context.History.AddRange(input);
        contextMessages.AddRange(input.Select(OpenAiMessages.ToJson));

        if (ServerMessenger.IsSubscribed(context.Assistant, ServerMessageTypes.ChatCreated))
            _ = await kit.Messenger.SendAsync(context, ServerMessageTypes.ChatCreated, new JsonObject { ["chat"] = chatForMessages.DeepClone() }, null, ct);

        var stream = body["stream"] is JsonValue s && s.TryGetValue<bool>(out var streaming) && streaming;
        var logger = loggers.CreateLogger("Parley.Chat");
        if (stream)
        {
            http.Response.StatusCode = StatusCodes.Status201Created;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
        }

        var outcome = await ChatTurn.RunAsync(kit, chatId, stream ? http.Response : null, logger, ct);
        if (outcome.Failure is { } failure && !stream)
            return failure.Kind == ProviderFailureKind.Permanent
                ? VapiErrors.BadRequest($"the model failed: {failure.Message}")
                : VapiErrors.ServiceUnavailable($"the model is unavailable right now: {failure.Message}");

        chat["messages"] = new JsonArray(contextMessages.Select(m => (JsonNode?)m).ToArray());
        chat["output"] = new JsonArray(outcome.Output.Select(m => (JsonNode?)m.DeepClone()).ToArray());
        chat["costs"] = new JsonArray();
        chat["cost"] = 0;
        chat["artifact"] = new JsonObject { ["variableValues"] = context.VariableValues.DeepClone() };
        if (outcome.ToolMessages.Count > 0) chat["toolMessages"] = new JsonArray(outcome.ToolMessages.Select(m => (JsonNode?)m).ToArray());
        if (control.Actions.Count > 0) chat["actions"] = new JsonArray(control.Actions.Select(a => (JsonNode?)a).ToArray());

        api.Secrets.ProtectServerSecrets(chat);
        var entity = new ChatEntity
        {
            Id = chatId, OrgId = orgId, Name = chat.StringOrNull("name"), CreatedAt = now, UpdatedAt = now,
            AssistantId = assistantId, PreviousChatId = chat.StringOrNull("previousChatId"), Body = chat.ToJsonString(),
        };
        api.Db.Chats.Add(entity);
        await api.Db.SaveChangesAsync(CancellationToken.None);

        var response = DocumentEndpoints.Respond(api, entity);
        if (!stream) return new JsonNodeResult(response, StatusCodes.Status201Created);
        await http.Response.WriteAsync("data: [DONE]\n\n", CancellationToken.None);
        return Results.Empty;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiServices api)
    {
        var query = http.Request.Query;
        var (list, errors) = ListQuery.Parse(query);
        var page = 1;
        if (query.TryGetValue("page", out var rawPage) && (!int.TryParse(rawPage, out page) || page < 1))
            errors.Add("page must not be less than 1");
        var descending = !string.Equals(query["sortOrder"], "ASC", StringComparison.OrdinalIgnoreCase);
        if (errors.Count > 0) return VapiErrors.BadRequest(errors);

        var rows = api.Db.Chats.ForOrg(http.Caller().OrgId);
        if (query["id"].ToString() is { Length: > 0 } id) rows = rows.Where(r => r.Id == id);
        if (query["assistantId"].ToString() is { Length: > 0 } assistantId) rows = rows.Where(r => r.AssistantId == assistantId);
        if (query["previousChatId"].ToString() is { Length: > 0 } previousChatId) rows = rows.Where(r => r.PreviousChatId == previousChatId);
        rows = list.Filter(rows);
        var total = await rows.CountAsync(http.RequestAborted);
        rows = descending ? rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id) : rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id);
        var items = await rows.Skip((page - 1) * list.Limit).Take(list.Limit).AsNoTracking().ToListAsync(http.RequestAborted);
        var totalPages = list.Limit == 0 ? 0 : (total + list.Limit - 1) / list.Limit;
        return new JsonNodeResult(new JsonObject
        {
            ["results"] = new JsonArray(items.Select(r => (JsonNode?)DocumentEndpoints.Respond(api, r)).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["itemsPerPage"] = list.Limit,
                ["totalItems"] = total,
                ["currentPage"] = page,
                ["totalPages"] = totalPages,
                ["hasNextPage"] = page < totalPages,
                ["sortOrder"] = descending ? "DESC" : "ASC",
            },
        });
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ApiServices api)
    {
        var row = await api.Db.Chats.ForOrg(http.Caller().OrgId).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        return row is null ? VapiErrors.NotFound("Chat not found") : new JsonNodeResult(DocumentEndpoints.Respond(api, row));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ApiServices api)
    {
        var row = await api.Db.Chats.ForOrg(http.Caller().OrgId).FirstOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        if (row is null) return VapiErrors.NotFound("Chat not found");
        api.Db.Chats.Remove(row);
        await api.Db.SaveChangesAsync(http.RequestAborted);
        return new JsonNodeResult(DocumentEndpoints.Respond(api, row));
    }
}

/// <summary>The cross-field rules of <c>POST /chat</c>.</summary>
public static class ChatRules
{
    public static IEnumerable<string> Check(JsonObject body)
    {
        if (body.ContainsKey("assistantId") && body.ContainsKey("assistant"))
            yield return "only one of assistantId and assistant may be set";
        if (body.ContainsKey("squadId") || body.ContainsKey("squad"))
            yield return "squadId and squad are not supported for chats yet: use assistantId or assistant";
        if (body.ContainsKey("sessionId"))
            yield return "sessionId is not supported: continue a chat with previousChatId";
        if (body.ContainsKey("transport"))
            yield return "transport is not supported for chats: chats are answered over HTTP";
        if (!body.ContainsKey("assistantId") && !body.ContainsKey("assistant") && !body.ContainsKey("previousChatId"))
            yield return "a chat needs assistantId, assistant or previousChatId";
    }
}
