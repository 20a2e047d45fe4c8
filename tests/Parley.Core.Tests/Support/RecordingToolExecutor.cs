using Parley.Core.Conversations;
using Parley.Core.Tools;

namespace Parley.Core.Tests.Support;

/// <summary>Runs tools of the types it is given (any, by default) by answering <c>answer</c>, and keeps every invocation.</summary>
public sealed class RecordingToolExecutor(Func<ToolInvocation, ToolOutcome> answer, Func<string, bool>? canExecute = null) : IToolExecutor
{
    private readonly List<ToolInvocation> _invocations = [];

    /// <summary>What ran, in the order it started; tools of one round run in parallel, so this is a snapshot.</summary>
    public IReadOnlyList<ToolInvocation> Invocations
    {
        get { lock (_invocations) return _invocations.ToList(); }
    }

    public bool CanExecute(string toolType) => canExecute?.Invoke(toolType) ?? true;

    public Task<ToolOutcome> ExecuteAsync(ToolInvocation invocation, ConversationContext context, CancellationToken cancellationToken)
    {
        lock (_invocations) _invocations.Add(invocation);
        return Task.FromResult(answer(invocation));
    }
}
