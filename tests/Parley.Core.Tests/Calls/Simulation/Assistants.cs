using System.Text.Json.Nodes;

namespace Parley.Core.Tests.Calls.Simulation;

/// <summary>Assistant JSON for simulated calls.</summary>
internal static class Assistants
{
    public static JsonObject Basic(string? firstMessage = null, Action<JsonObject>? configure = null)
    {
        var assistant = new JsonObject
        {
            ["model"] = new JsonObject
            {
                ["provider"] = "openai",
                ["model"] = "gpt-4o",
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You are a storyteller." }),
            },
            ["firstMessageMode"] = firstMessage is null ? "assistant-waits-for-user" : "assistant-speaks-first",
        };
        if (firstMessage is not null) assistant["firstMessage"] = firstMessage;
        configure?.Invoke(assistant);
        return assistant;
    }

    public static TimeSpan S(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
