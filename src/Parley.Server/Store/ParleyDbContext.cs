using Microsoft.EntityFrameworkCore;

namespace Parley.Server.Store;

/// <summary>The store: one table per resource, bodies as JSON text, indexed columns for org, name and time.</summary>
public sealed class ParleyDbContext(DbContextOptions<ParleyDbContext> options) : DbContext(options)
{
    public DbSet<OrgEntity> Orgs => Set<OrgEntity>();
    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();
    public DbSet<AssistantEntity> Assistants => Set<AssistantEntity>();
    public DbSet<SquadEntity> Squads => Set<SquadEntity>();
    public DbSet<ToolEntity> Tools => Set<ToolEntity>();
    public DbSet<PhoneNumberEntity> PhoneNumbers => Set<PhoneNumberEntity>();
    public DbSet<CredentialEntity> Credentials => Set<CredentialEntity>();
    public DbSet<CallEntity> Calls => Set<CallEntity>();
    public DbSet<ChatEntity> Chats => Set<ChatEntity>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<OrgEntity>(e =>
        {
            e.ToTable("orgs");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(36);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        model.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.KeyHash).IsUnique();
            e.HasIndex(x => x.OrgId);
        });
        Document<AssistantEntity>(model, "assistants");
        Document<SquadEntity>(model, "squads");
        Document<ToolEntity>(model, "tools");
        Document<PhoneNumberEntity>(model, "phone_numbers");
        Document<CredentialEntity>(model, "credentials");
        Document<CallEntity>(model, "calls", e =>
        {
            e.HasIndex(x => new { x.OrgId, x.AssistantId });
            e.HasIndex(x => new { x.OrgId, x.PhoneNumberId });
        });
        Document<ChatEntity>(model, "chats", e => e.HasIndex(x => new { x.OrgId, x.AssistantId }));
    }

    private static void Document<T>(ModelBuilder model, string table, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T>>? extra = null)
        where T : DocumentEntity
    {
        model.Entity<T>(e =>
        {
            e.ToTable(table);
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(36);
            e.Property(x => x.OrgId).HasMaxLength(36);
            e.Property(x => x.Name).HasMaxLength(200);
            e.HasIndex(x => new { x.OrgId, x.CreatedAt });
            e.HasIndex(x => new { x.OrgId, x.UpdatedAt });
            e.HasIndex(x => new { x.OrgId, x.Name });
            extra?.Invoke(e);
        });
    }
}

/// <summary>Queries always start from the caller's org, so another org's rows look exactly like missing ones.</summary>
public static class OrgScopedQueries
{
    public static IQueryable<T> ForOrg<T>(this DbSet<T> set, string orgId) where T : DocumentEntity =>
        set.Where(x => x.OrgId == orgId);
}
