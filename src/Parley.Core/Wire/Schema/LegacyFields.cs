using System.Text.Json.Nodes;

namespace Parley.Core.Wire.Schema;

/// <summary>
/// Fields Vapi removed from its published schema but still accepts (or that older clients still send):
/// they are patched back so such requests validate and are stored as sent.
/// </summary>
internal static class LegacyFields
{
    public static void Apply(JsonObject components)
    {
        foreach (var name in new[] { "CreateAssistantDTO", "UpdateAssistantDTO", "AssistantOverrides" })
        {
            if (components[name]?["properties"] is not JsonObject properties) continue;
            properties.TryAdd("serverUrl", String());
            properties.TryAdd("serverUrlSecret", String());
            properties.TryAdd("silenceTimeoutSeconds", Number(10, 3600));
            properties.TryAdd("messagePlan", new JsonObject { ["$ref"] = "#/components/schemas/MessagePlan" });
            properties.TryAdd("backchannelingEnabled", Boolean());
            properties.TryAdd("backgroundDenoisingEnabled", Boolean());
            properties.TryAdd("hipaaEnabled", Boolean());
            properties.TryAdd("pciEnabled", Boolean());
        }

        components["MessagePlan"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["idleMessages"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string", ["maxLength"] = 1000 } },
                ["idleMessageMaxSpokenCount"] = Number(1, 10),
                ["idleMessageResetCountOnUserSpeechEnabled"] = Boolean(),
                ["idleTimeoutSeconds"] = Number(5, 60),
                ["silenceTimeoutMessage"] = new JsonObject { ["type"] = "string", ["maxLength"] = 1000 },
            },
        };

        // server.secret: sent as X-Vapi-Secret (SPEC ≤2025-05); still honoured.
        if (components["Server"]?["properties"] is JsonObject server) server.TryAdd("secret", String());

        // Tool JSON schemas are user-written JSON Schema: `value` and `default` (Liquid-resolved) and any other
        // keyword must survive validation and storage.
        if (components["JsonSchema"] is JsonObject jsonSchema)
        {
            jsonSchema["additionalProperties"] = true;
            if (jsonSchema["properties"] is JsonObject keywords)
            {
                keywords.TryAdd("value", new JsonObject());
                keywords.TryAdd("default", new JsonObject());
            }
        }
        if (components["OpenAIFunctionParameters"] is JsonObject parameters) parameters["additionalProperties"] = true;

        if (components["CreateCallDTO"]?["properties"] is JsonObject call) call.TryAdd("metadata", new JsonObject { ["type"] = "object" });

        // Seed 001 (Get Tool) shows a dtmf tool with async, function and server: every tool may carry a custom
        // function definition and a server, as older revisions of the schema allowed.
        foreach (var (name, node) in components)
        {
            if (!(name.StartsWith("Create", StringComparison.Ordinal) || name.StartsWith("Update", StringComparison.Ordinal)) ||
                !name.EndsWith("ToolDTO", StringComparison.Ordinal) || node?["properties"] is not JsonObject toolProperties)
                continue;
            toolProperties.TryAdd("function", new JsonObject { ["$ref"] = "#/components/schemas/OpenAIFunction" });
            toolProperties.TryAdd("server", new JsonObject { ["$ref"] = "#/components/schemas/Server" });
            toolProperties.TryAdd("async", Boolean());
        }

        // The published AudioFormat says `format` is an object with a string enum; it is a string.
        if (components["AudioFormat"]?["properties"]?["format"] is JsonObject format) format["type"] = "string";
    }

    private static JsonObject String() => new() { ["type"] = "string" };
    private static JsonObject Boolean() => new() { ["type"] = "boolean" };
    private static JsonObject Number(double min, double max) => new() { ["type"] = "number", ["minimum"] = min, ["maximum"] = max };
}
