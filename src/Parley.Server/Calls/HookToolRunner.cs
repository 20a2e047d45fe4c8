using System.Text.Json.Nodes;
using Parley.Core.Calls.Session;
using Parley.Core.Conversations;
using Parley.Core.Llm;
using Parley.Core.Tools;

namespace Parley.Server.Calls;

/// <summary>
/// Runs the tool of a hook's <c>tool</c>/<c>function</c> action (e.g. on <c>call.ending</c>) with the call's own
/// executors, as if the model had called it with no arguments; the result is logged, not spoken.
/// </summary>
public sealed class HookToolRunner(IReadOnlyList<IToolExecutor> executors, ILogger logger) : ICallHookToolRunner
{
    public async Task RunAsync(JsonObject tool, ConversationContext context, CancellationToken cancellationToken)
    {
        if (ToolCatalog.Resolve(tool) is not { } resolved)
        {
            logger.LogWarning("A hook names a tool Parley cannot run: {Tool}", tool.ToJsonString());
            return;
        }
        var executor = executors.FirstOrDefault(e => e.CanExecute(resolved.Type));
        if (executor is null) return;
        var invocation = new ToolInvocation(new ToolCall("hook_" + Guid.NewGuid().ToString("n")[..12], resolved.Name, "{}"), new JsonObject(), resolved);
        try
        {
            var outcome = await executor.ExecuteAsync(invocation, context, cancellationToken);
            if (outcome is ToolFailed failed) logger.LogWarning("Hook tool {Tool} failed: {Error}", resolved.Name, failed.Error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Hook tool {Tool} failed", resolved.Name);
        }
    }
}
