namespace Parley.Server.Store;

/// <summary>An organisation: the tenant every other row belongs to. Its settings (name, server...) are JSON.</summary>
public sealed class OrgEntity
{
    public required string Id { get; set; }
    public string? Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string Body { get; set; }
}

/// <summary>An API key, stored only as a SHA-256 hash of its value.</summary>
public sealed class ApiKeyEntity
{
    public required string Id { get; set; }
    public required string OrgId { get; set; }

    /// <summary><c>private</c> (full API) or <c>public</c> (client SDK endpoints only).</summary>
    public required string Tag { get; set; }
    public required string KeyHash { get; set; }
    public DateTime CreatedAt { get; set; }
}
