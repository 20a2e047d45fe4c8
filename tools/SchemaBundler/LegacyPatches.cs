using System.Text.Json.Nodes;

namespace Parley.Tools.SchemaBundler;

/// <summary>Adds fields Vapi still accepts but no longer publishes, and marks secrets the spec leaves unmarked.</summary>
internal static class LegacyPatches
{
    static readonly string[] AssistantShapes = ["CreateAssistantDTO", "UpdateAssistantDTO", "AssistantOverrides"];

    // Secret-bearing fields whose descriptions do not say "not returned" (vapi-api.md §5.2, §6.5).
    static readonly (string Schema, string Property)[] UnmarkedSecrets =
    [
        ("OAuth2AuthenticationPlan", "clientSecret"),
        ("BearerAuthenticationPlan", "token"),
        ("HMACAuthenticationPlan", "secretKey"),
        ("SipAuthentication", "password"),
        ("CreateTwilioPhoneNumberDTO", "twilioAuthToken"),
        ("CreateTwilioPhoneNumberDTO", "twilioApiSecret"),
        ("UpdateTwilioPhoneNumberDTO", "twilioAuthToken"),
        ("UpdateTwilioPhoneNumberDTO", "twilioApiSecret"),
        ("ImportTwilioPhoneNumberDTO", "twilioAuthToken"),
        ("ImportTwilioPhoneNumberDTO", "twilioApiSecret"),
        ("CreateVonageCredentialDTO", "apiSecret"),
    ];

    public static void Apply(JsonObject schemas)
    {
        schemas["MessagePlan"] = MessagePlan();
        foreach (var name in AssistantShapes)
        {
            var props = Properties(schemas, name);
            if (name == "AssistantOverrides") CopyMissing(Properties(schemas, "CreateAssistantDTO"), props);
            props["serverUrl"] = new JsonObject { ["type"] = "string" };
            props["serverUrlSecret"] = new JsonObject { ["type"] = "string", ["writeOnly"] = true };
            props["silenceTimeoutSeconds"] = new JsonObject { ["type"] = "number", ["minimum"] = 10, ["maximum"] = 3600 };
            props["messagePlan"] = new JsonObject { ["$ref"] = "MessagePlan" };
            foreach (var flag in new[] { "backchannelingEnabled", "backgroundDenoisingEnabled", "hipaaEnabled", "pciEnabled" })
                props[flag] = new JsonObject { ["type"] = "boolean" };
        }

        // UpdateOrgDTO in the 2024-12 spec still had the flat server fields.
        var org = Properties(schemas, "UpdateOrgDTO");
        org["serverUrl"] = new JsonObject { ["type"] = "string" };
        org["serverUrlSecret"] = new JsonObject { ["type"] = "string", ["writeOnly"] = true };

        Properties(schemas, "Server")["secret"] = new JsonObject { ["type"] = "string", ["writeOnly"] = true };

        // Tool parameter schemas are the user's own JSON Schema: keep Vapi's known keywords typed,
        // accept `value`/`default` (any JSON) and any other keyword.
        var jsonSchemaProps = Properties(schemas, "JsonSchema");
        jsonSchemaProps["value"] = new JsonObject();
        jsonSchemaProps["default"] = new JsonObject();
        schemas["JsonSchema"]!["additionalProperties"] = true;
        schemas["OpenAIFunctionParameters"]!["additionalProperties"] = true;

        foreach (var (schema, property) in UnmarkedSecrets)
            if (schemas[schema]?["properties"]?[property] is JsonObject field) field["writeOnly"] = true;

        ChatMessageShapes(schemas);

        // Seed 002 (voice pipeline configuration) writes a customer rule as `"type": "user"`; the engine reads both.
        Properties(schemas, "CustomerCustomEndpointingRule")["type"]!["enum"]!.AsArray().Add("user");

        // Seed 002 (assistant hooks): a call.ending hook says, calls a function and transfers. The spec defines those
        // actions (SayHookAction, FunctionCallHookAction, TransferHookAction) yet lists only tool and message.add there.
        var callEndingActions = schemas["CallHookCallEnding"]!["properties"]!["do"]!["items"]!["oneOf"]!.AsArray();
        foreach (var action in new[] { "SayHookAction", "FunctionCallHookAction", "TransferHookAction" })
            callEndingActions.Add(new JsonObject { ["$ref"] = action });

        // The spec only describes this rule in prose; without it any `on` string would match this hook.
        Properties(schemas, "CallHookCustomerSpeechTimeout")["on"]!["pattern"] = @"/^customer\.speech\.timeout(\[[^\]]+\])?$/";

        // Seed 001 (Get Tool) shows a dtmf tool carrying async, function and server: every tool type may have a
        // custom function definition and a server, as older revisions of the schema allowed.
        foreach (var (name, node) in schemas.ToList())
        {
            if (!(name.StartsWith("Create", StringComparison.Ordinal) || name.StartsWith("Update", StringComparison.Ordinal)) ||
                !name.EndsWith("ToolDTO", StringComparison.Ordinal) || node?["properties"] is not JsonObject tool)
                continue;
            tool.TryAdd("function", new JsonObject { ["$ref"] = "OpenAIFunction" });
            tool.TryAdd("server", new JsonObject { ["$ref"] = "Server" });
            tool.TryAdd("async", new JsonObject { ["type"] = "boolean" });
        }

        // Call-level metadata (free-form), which clients still send on POST /call.
        Properties(schemas, "CreateCallDTO").TryAdd("metadata", new JsonObject { ["type"] = "object" });

        // A squad without members cannot start a call (class-validator @ArrayNotEmpty wording).
        Properties(schemas, "CreateSquadDTO")["members"]!["minItems"] = 1;
    }

    /// <summary>
    /// The spec's `SystemMessage`/`UserMessage` components are the call-artifact shapes ({role, message, time}),
    /// yet chat `input` and hook `prompt` list them beside OpenAI-style messages. The names collided in Vapi's
    /// swagger output; Parley validates those lists against OpenAI-style system and user messages.
    /// </summary>
    static void ChatMessageShapes(JsonObject schemas)
    {
        schemas["ChatSystemMessage"] = OpenAiStyleMessage("system");
        schemas["ChatUserMessage"] = OpenAiStyleMessage("user");
        Rewrite(schemas);
    }

    static void Rewrite(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            foreach (var child in array) Rewrite(child);
            return;
        }
        if (node is not JsonObject obj) return;
        if (obj["oneOf"] is JsonArray members && members.Any(m => m?["$ref"]?.GetValue<string>() == "DeveloperMessage"))
            foreach (var member in members.OfType<JsonObject>())
                if (member["$ref"]?.GetValue<string>() is "SystemMessage" or "UserMessage")
                    member["$ref"] = "Chat" + member["$ref"]!.GetValue<string>();
        foreach (var (_, child) in obj.ToList()) Rewrite(child);
    }

    static JsonObject OpenAiStyleMessage(string role) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["role"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(role) },
            ["content"] = new JsonObject { ["type"] = "string", ["maxLength"] = 10000 },
            ["name"] = new JsonObject { ["type"] = "string", ["maxLength"] = 40 },
            ["metadata"] = new JsonObject { ["type"] = "object" },
        },
        ["required"] = new JsonArray("role", "content"),
    };

    static JsonObject MessagePlan() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["idleMessages"] = new JsonObject
            {
                ["type"] = "array",
                ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = 1000 },
            },
            ["idleMessageMaxSpokenCount"] = new JsonObject { ["type"] = "number", ["minimum"] = 1, ["maximum"] = 10 },
            ["idleMessageResetCountOnUserSpeechEnabled"] = new JsonObject { ["type"] = "boolean" },
            ["idleTimeoutSeconds"] = new JsonObject { ["type"] = "number", ["minimum"] = 5, ["maximum"] = 60 },
            ["silenceTimeoutMessage"] = new JsonObject { ["type"] = "string", ["maxLength"] = 1000 },
        },
    };

    static JsonObject Properties(JsonObject schemas, string name) =>
        schemas[name]?["properties"] as JsonObject ?? throw new InvalidOperationException($"schema {name} has no properties");

    static void CopyMissing(JsonObject from, JsonObject to)
    {
        foreach (var (key, value) in from)
            if (!to.ContainsKey(key)) to[key] = value!.DeepClone();
    }
}
