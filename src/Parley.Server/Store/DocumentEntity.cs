namespace Parley.Server.Store;

/// <summary>
/// A resource stored as its JSON body plus the columns queries filter on. Every row belongs to one org.
/// </summary>
public abstract class DocumentEntity
{
    public required string Id { get; set; }
    public required string OrgId { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The resource's JSON as the client sent it (secrets encrypted), without id/orgId/timestamps.</summary>
    public required string Body { get; set; }
}

/// <summary>An assistant row.</summary>
public sealed class AssistantEntity : DocumentEntity;

/// <summary>A squad row.</summary>
public sealed class SquadEntity : DocumentEntity;

/// <summary>A tool row; <see cref="Type"/> is the tool's <c>type</c>, which PATCH may not change.</summary>
public sealed class ToolEntity : DocumentEntity
{
    public required string Type { get; set; }
}

/// <summary>A phone number row; <see cref="Provider"/> selects its schema.</summary>
public sealed class PhoneNumberEntity : DocumentEntity
{
    public required string Provider { get; set; }
    public string? Number { get; set; }
}

/// <summary>A credential row; <see cref="Provider"/> selects its schema.</summary>
public sealed class CredentialEntity : DocumentEntity
{
    public required string Provider { get; set; }
}

/// <summary>A call row with the columns Vapi's list filters use.</summary>
public sealed class CallEntity : DocumentEntity
{
    public required string Type { get; set; }
    public required string Status { get; set; }
    public string? AssistantId { get; set; }
    public string? SquadId { get; set; }
    public string? PhoneNumberId { get; set; }
}

/// <summary>A chat row.</summary>
public sealed class ChatEntity : DocumentEntity
{
    public string? AssistantId { get; set; }
    public string? PreviousChatId { get; set; }
}
