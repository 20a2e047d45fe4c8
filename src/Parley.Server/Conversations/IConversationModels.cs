using System.Text.Json.Nodes;
using Parley.Core.Llm;

namespace Parley.Server.Conversations;

/// <summary>Builds the chat model an assistant's <c>model</c> block asks for, with the org's provider key.</summary>
public interface IConversationModels
{
    /// <summary>The model, or a clear error (unknown provider, missing key) to answer with a 400.</summary>
    Task<(IChatModel? Model, string? Error)> CreateAsync(string orgId, JsonObject assistant, CancellationToken cancellationToken);
}
