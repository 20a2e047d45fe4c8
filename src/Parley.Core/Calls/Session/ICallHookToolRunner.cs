using Parley.Core.Conversations;

namespace Parley.Core.Calls.Session;

/// <summary>Runs a tool named in a hook action (the function-tool executor plugs in here).</summary>
public interface ICallHookToolRunner
{
    Task RunAsync(System.Text.Json.Nodes.JsonObject tool, ConversationContext context, CancellationToken cancellationToken);
}
