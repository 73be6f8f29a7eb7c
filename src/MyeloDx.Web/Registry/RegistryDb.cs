using Microsoft.EntityFrameworkCore;

namespace MyeloDx.Web.Registry;

/// <summary>A person who may use the service. Secrets are stored only as hashes.</summary>
internal sealed class UserRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>clinician or admin.</summary>
    public required string Role { get; set; }
    /// <summary>SHA-256 (hex) of the API key; the key itself is shown once and never stored.</summary>
    public required string ApiKeyHash { get; set; }
    /// <summary>PBKDF2 hash of the browser password, or null when the user has no password.</summary>
    public string? PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public bool Disabled { get; set; }
    /// <summary>
    /// Random, replaced whenever the account's access changes (disabled, enabled, deleted, new password, new key).
    /// Every request compares it with the one its cookie was issued with, so a change ends every session at once.
    /// </summary>
    public string SecurityStamp { get; set; } = "";
    /// <summary>Deleted accounts stay as rows (cases and the audit trail refer to them) but can never sign in again.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>A saved case: its current state; the history is in <see cref="CaseVersionRow"/>.</summary>
internal sealed class CaseRow
{
    public required string Id { get; set; }
    public int OwnerId { get; set; }
    public UserRow? Owner { get; set; }
    public string? Title { get; set; }
    public int CurrentVersion { get; set; }
    /// <summary>Leading diagnosis id of the current version (for search).</summary>
    public required string LeadingDiagnosis { get; set; }
    public double LeadingProbability { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public int? DeletedById { get; set; }
}

/// <summary>One version of a case: what was given, what it was understood as, and what MyeloDx concluded. Never changed once written.</summary>
internal sealed class CaseVersionRow
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public int Version { get; set; }
    /// <summary>structured, text or fhir.</summary>
    public required string InputKind { get; set; }
    /// <summary>The request body exactly as given.</summary>
    public required string InputGiven { get; set; }
    /// <summary>The case as understood (case JSON).</summary>
    public required string CaseUnderstood { get; set; }
    /// <summary>The assessment JSON (the same document as `myelodx assess --format json`).</summary>
    public required string AssessmentJson { get; set; }
    public required string KnowledgeVersion { get; set; }
    public required string LeadingDiagnosis { get; set; }
    public double LeadingProbability { get; set; }
    public string? PriorContext { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int CreatedById { get; set; }
}

/// <summary>
/// A key image of a case (cleaned: re-encoded, no metadata). It is recorded with the version that was current when it
/// was attached and belongs to that version and every later one: a new version keeps it, an earlier one never shows it.
/// Never changed once written.
/// </summary>
internal sealed class CaseImageRow
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public int Version { get; set; }
    /// <summary>image/png or image/jpeg, from the re-encoded bytes.</summary>
    public required string ContentType { get; set; }
    public required byte[] Content { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    /// <summary>The figure legend.</summary>
    public required string Caption { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int CreatedById { get; set; }
}

internal sealed class CaseShareRow
{
    public required string CaseId { get; set; }
    public int UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Who did what to which case, when, and with what outcome. Never any case content.</summary>
internal sealed class AuditRow
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public int? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>create, read, update, delete, restore, list, share, unshare, report, fhir, versions, audit, image-add, image-read, image-caption, image-remove.</summary>
    public required string Action { get; set; }
    public string? CaseId { get; set; }
    public int? Version { get; set; }
    /// <summary>HTTP-style outcome: 200, 201, 204, 403, 404...</summary>
    public int Status { get; set; }
    /// <summary>api, web or cds.</summary>
    public required string Channel { get; set; }
}

/// <summary>The case registry. One schema, two providers (SQLite, PostgreSQL), each with its own checked-in migrations.</summary>
internal abstract class RegistryDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<UserRow> Users => Set<UserRow>();
    public DbSet<CaseRow> Cases => Set<CaseRow>();
    public DbSet<CaseVersionRow> CaseVersions => Set<CaseVersionRow>();
    public DbSet<CaseShareRow> CaseShares => Set<CaseShareRow>();
    public DbSet<CaseImageRow> CaseImages => Set<CaseImageRow>();
    public DbSet<AuditRow> Audit => Set<AuditRow>();
    public DbSet<LoginThrottleRow> LoginThrottle => Set<LoginThrottleRow>();
    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<UserRow>(e =>
        {
            e.ToTable("users");
            e.HasIndex(u => u.Name).IsUnique();
            e.HasIndex(u => u.ApiKeyHash).IsUnique();
            e.Property(u => u.Name).HasMaxLength(100);
            e.Property(u => u.Role).HasMaxLength(20);
            e.Property(u => u.ApiKeyHash).HasMaxLength(64);
            e.Property(u => u.PasswordHash).HasMaxLength(200);
            e.Property(u => u.SecurityStamp).HasMaxLength(64).HasDefaultValue("");
        });
        b.Entity<CaseRow>(e =>
        {
            e.ToTable("cases");
            e.Property(c => c.Id).HasMaxLength(32);
            e.Property(c => c.Title).HasMaxLength(200);
            e.Property(c => c.LeadingDiagnosis).HasMaxLength(64);
            // Optimistic concurrency: an update writes only if the version it read is still current.
            e.Property(c => c.CurrentVersion).IsConcurrencyToken();
            e.HasOne(c => c.Owner).WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => new { c.OwnerId, c.UpdatedAt });
            e.HasIndex(c => c.LeadingDiagnosis);
            // Versions and shares are reached through their own sets (never loaded as collections of a case), so the
            // relationships have no navigation; the tables and constraints are the same as with one.
            e.HasMany<CaseVersionRow>().WithOne().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany<CaseShareRow>().WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<CaseVersionRow>(e =>
        {
            e.ToTable("case_versions");
            e.HasIndex(v => new { v.CaseId, v.Version }).IsUnique();
            e.Property(v => v.CaseId).HasMaxLength(32);
            e.Property(v => v.InputKind).HasMaxLength(20);
            e.Property(v => v.KnowledgeVersion).HasMaxLength(100);
            e.Property(v => v.LeadingDiagnosis).HasMaxLength(64);
            e.Property(v => v.PriorContext).HasMaxLength(64);
        });
        b.Entity<CaseImageRow>(e =>
        {
            e.ToTable("case_images");
            e.Property(i => i.CaseId).HasMaxLength(32);
            e.Property(i => i.ContentType).HasMaxLength(20);
            e.Property(i => i.Caption).HasMaxLength(500);
            e.HasIndex(i => new { i.CaseId, i.Version });
            e.HasOne<CaseRow>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CaseShareRow>(e =>
        {
            e.ToTable("case_shares");
            e.HasKey(s => new { s.CaseId, s.UserId });
            e.Property(s => s.CaseId).HasMaxLength(32);
            e.HasOne<UserRow>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AuditRow>(e =>
        {
            e.ToTable("audit");
            e.Property(a => a.UserName).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(20);
            e.Property(a => a.CaseId).HasMaxLength(32);
            e.Property(a => a.Channel).HasMaxLength(10);
            e.HasIndex(a => new { a.CaseId, a.At });
            e.HasIndex(a => a.At);
        });
        b.Entity<LoginThrottleRow>(e =>
        {
            e.ToTable("login_throttle");
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(64);
            e.HasIndex(t => t.WindowStartMs);
        });
        b.Entity<DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(k => k.FriendlyName).HasMaxLength(100);
        });
        // SQLite cannot order or compare DateTimeOffset natively: store UTC ticks there (PostgreSQL keeps timestamptz).
        if (Database.IsSqlite())
        {
            foreach (var entity in b.Model.GetEntityTypes())
                foreach (var p in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
                    p.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
        }
    }
}

internal sealed class SqliteRegistryDb(DbContextOptions<SqliteRegistryDb> options) : RegistryDb(options);

internal sealed class PostgresRegistryDb(DbContextOptions<PostgresRegistryDb> options) : RegistryDb(options);
