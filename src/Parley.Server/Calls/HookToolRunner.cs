using System.Text.Json.Nodes;
using Parley.Core.Calls.Session;
using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Server.Calls;

/// <summary>
/// Runs the tool of a hook's <c>tool</c>/<c>function</c> action (e.g. on <c>call.ending</c>) through the call's own
/// tool round, so its rejection plan and executors apply as if the model had called it with no arguments; nothing is
/// spoken, and a failure or rejection is logged.
/// </summary>
public sealed class HookToolRunner(ToolRound tools, ILogger logger) : ICallHookToolRunner
{
    public async Task RunAsync(JsonObject tool, ConversationContext context, CancellationToken cancellationToken)
    {
        if (ToolCatalog.Resolve(tool) is not { } resolved)
        {
            // Named by its type and id, never written out: a saved tool arrives decrypted, its server secret included.
            logger.LogWarning("A hook names a tool Parley cannot run: type {Type}, id {Id}", Parley.Core.Json.JsonRead.String(tool["type"]) ?? "(none)",
                Parley.Core.Json.JsonRead.String(tool["id"]) ?? "(inline)");
            return;
        }
        switch (await tools.RunDetachedAsync(resolved, context, cancellationToken))
        {
            case ToolFailed failed:
                logger.LogWarning("Hook tool {Tool} failed: {Error}", resolved.Name, failed.Error);
                break;
            case ToolRejected rejected:
                logger.LogInformation("Hook tool {Tool} was rejected by its rejection plan: {Reason}", resolved.Name, rejected.Reason);
                break;
        }
    }
}
