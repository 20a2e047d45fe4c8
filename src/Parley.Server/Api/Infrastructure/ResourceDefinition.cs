using System.Text.Json.Nodes;
using Parley.Server.Store;

namespace Parley.Server.Api.Infrastructure;

/// <summary>
/// What differs between the document resources (assistants, tools, squads, phone numbers, credentials):
/// their table, schemas, discriminator, references and secrets. The CRUD handlers are shared.
/// </summary>
public sealed class ResourceDefinition<T> where T : DocumentEntity
{
    /// <summary>Singular name used in messages, e.g. "Assistant".</summary>
    public required string Noun { get; init; }

    public required Func<ParleyDbContext, Microsoft.EntityFrameworkCore.DbSet<T>> Set { get; init; }

    /// <summary>Request schema for a create body.</summary>
    public required Func<JsonObject, string> CreateSchema { get; init; }

    /// <summary>Request schema for a PATCH of the stored row.</summary>
    public required Func<T, string> UpdateSchema { get; init; }

    /// <summary>Builds a new row from a validated body.</summary>
    public required Func<string, string, JsonObject, T> NewRow { get; init; }

    /// <summary>Copies indexed columns (name, type...) from the body to the row.</summary>
    public required Action<T, JsonObject> SyncColumns { get; init; }

    /// <summary>The discriminator field PATCH may not change (<c>type</c> for tools, <c>provider</c> for credentials).</summary>
    public string? Discriminator { get; init; }

    public Func<T, string>? StoredDiscriminator { get; init; }

    public IReadOnlyList<ReferenceRule> References { get; init; } = [];

    /// <summary>Rules a schema cannot say, run on a create or PATCH body once it matches its schema; one message per problem.</summary>
    public Func<JsonObject, IEnumerable<string>> Checks { get; init; } = _ => [];

    /// <summary>Whether the body holds write-only secrets (credential keys, telephony tokens).</summary>
    public bool HasWriteOnlySecrets { get; init; }
}
