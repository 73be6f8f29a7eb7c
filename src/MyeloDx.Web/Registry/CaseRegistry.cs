using MyeloDx.Core.Contract;
using Microsoft.EntityFrameworkCore;
using MyeloDx.Core.Cases;
using MyeloDx.Core.Errors;
using MyeloDx.Core.Inference;
using MyeloDx.Web.Input;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Registry;

internal sealed record CaseSummary(string Id, string? Title, string Owner, string LeadingDiagnosis, double LeadingProbability, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool Deleted);

internal sealed record CaseVersionInfo(int Version, DateTimeOffset At, string By, string InputKind, string LeadingDiagnosis, double LeadingProbability, string KnowledgeVersion);

internal sealed record CaseDetail(CaseSummary Summary, CaseVersionRow Current, IReadOnlyList<CaseVersionInfo> Versions, IReadOnlyList<string> SharedWith);

internal sealed record CaseQuery(string? Diagnosis = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null, bool IncludeDeleted = false, int Limit = 50, int Offset = 0);

internal enum UpdateStatus { Updated, NotFound, Stale, Conflict }

/// <summary>The outcome of an update and the case's version after it (the new one, or the one that won).</summary>
internal sealed record UpdateResult(UpdateStatus Status, int? Version);

internal sealed record AuditEntry(DateTimeOffset At, string User, string Action, string? CaseId, int? Version, int Status, string Channel);

/// <summary>
/// The case registry: every read and write of a case goes through here and leaves an audit row
/// (who, what, when, outcome; never case content). A clinician sees their own cases and those shared with them.
/// </summary>
internal sealed partial class CaseRegistry(RegistryDb db, TimeProvider time)
{
    public RegistryDb Db => db;

    private IQueryable<CaseRow> Visible(Actor a, bool includeDeleted = false)
    {
        var q = db.Cases.AsQueryable();
        if (!(includeDeleted && a.IsAdmin)) q = q.Where(c => c.DeletedAt == null);
        if (!a.IsAdmin) q = q.Where(c => c.OwnerId == a.Id || db.CaseShares.Any(s => s.CaseId == c.Id && s.UserId == a.Id));
        return q;
    }

    private void Audit(Actor a, string action, string? caseId, int? version, int status) =>
        db.Audit.Add(new AuditRow { At = time.GetUtcNow(), UserId = a.Id, UserName = a.Name, Action = action, CaseId = caseId, Version = version, Status = status, Channel = a.Channel });

    private async Task AuditNow(Actor a, string action, string? caseId, int? version, int status, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Audit(a, action, caseId, version, status);
        await db.SaveChangesAsync(ct);
    }

    private static CaseVersionRow NewVersion(string caseId, int version, ParsedInput p, Assessment a, AssessmentDocument doc, int by, DateTimeOffset at) => new()
    {
        CaseId = caseId, Version = version, InputKind = p.Kind, InputGiven = Storable(p.Given)!,
        CaseUnderstood = CaseJson.Write(p.Input.Case),
        AssessmentJson = ContractJson.Write(doc),
        KnowledgeVersion = a.KnowledgeVersion, LeadingDiagnosis = a.Leading.Id, LeadingProbability = a.Leading.Probability,
        PriorContext = a.PriorContext, CreatedAt = at, CreatedById = by,
    };

    /// <summary>The new case's id, or null when the create conflicted with another (409).</summary>
    public async Task<string?> Create(Actor actor, ParsedInput p, Assessment a, AssessmentDocument doc, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var id = Secrets.NewCaseId();
        var row = new CaseRow
        {
            Id = id, OwnerId = actor.Id, Title = Storable(p.Title, TitleLength), CurrentVersion = 1, LeadingDiagnosis = a.Leading.Id,
            LeadingProbability = a.Leading.Probability, CreatedAt = now, UpdatedAt = now,
        };
        db.Cases.Add(row);
        db.CaseVersions.Add(NewVersion(id, 1, p, a, doc, actor.Id, now));
        Audit(actor, "create", id, 1, StatusCodes.Status201Created);
        try { await db.SaveChangesAsync(ct); } // one transaction: the case, its first version and the audit row
        catch (DbUpdateException e) when (StoreErrors.Classify(e) == StoreFailure.Conflict)
        {
            await AuditNow(actor, "create", id, null, StatusCodes.Status409Conflict, ct);
            return null;
        }
        return id;
    }

    public async Task<CaseDetail?> Get(Actor actor, string id, CancellationToken ct, int? version = null, string action = "read")
    {
        var c = await Visible(actor, includeDeleted: true).AsNoTracking().Include(x => x.Owner).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || (c.DeletedAt is not null && !actor.IsAdmin))
        {
            await AuditNow(actor, action, Clip(id), version, StatusCodes.Status404NotFound, ct);
            return null;
        }
        var versions = await db.CaseVersions.AsNoTracking().Where(v => v.CaseId == id).OrderBy(v => v.Version).ToListAsync(ct);
        var current = versions.FirstOrDefault(v => v.Version == (version ?? c.CurrentVersion));
        if (current is null)
        {
            await AuditNow(actor, action, id, version, StatusCodes.Status404NotFound, ct);
            return null;
        }
        var userIds = versions.Select(v => v.CreatedById).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var shared = await db.CaseShares.AsNoTracking().Where(s => s.CaseId == id).Join(db.Users, s => s.UserId, u => u.Id, (s, u) => u.Name).ToListAsync(ct);
        await AuditNow(actor, action, id, current.Version, StatusCodes.Status200OK, ct);
        return new CaseDetail(Summary(c), current,
            versions.Select(v => new CaseVersionInfo(v.Version, v.CreatedAt, names.GetValueOrDefault(v.CreatedById, "?"), v.InputKind, v.LeadingDiagnosis, v.LeadingProbability, v.KnowledgeVersion)).ToList(),
            shared);
    }

    public async Task<IReadOnlyList<CaseSummary>> List(Actor actor, CaseQuery q, CancellationToken ct)
    {
        var query = Visible(actor, q.IncludeDeleted).AsNoTracking().Include(c => c.Owner).AsQueryable();
        q = q with { Diagnosis = Storable(q.Diagnosis, 64), Text = Storable(q.Text, TitleLength) };
        if (!string.IsNullOrWhiteSpace(q.Diagnosis)) query = query.Where(c => c.LeadingDiagnosis == q.Diagnosis);
        if (q.From is { } f) { var fu = f.ToUniversalTime(); query = query.Where(c => c.UpdatedAt >= fu); }
        if (q.To is { } t) { var tu = t.ToUniversalTime(); query = query.Where(c => c.UpdatedAt <= tu); }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var pattern = "%" + q.Text.Trim().Replace("%", "").Replace("_", "") + "%";
            query = query.Where(c => c.Id == q.Text.Trim() || (c.Title != null && EF.Functions.Like(c.Title.ToLower(), pattern.ToLower())));
        }
        var rows = await query.OrderByDescending(c => c.UpdatedAt).Skip(Math.Max(0, q.Offset)).Take(Math.Clamp(q.Limit, 1, 500)).ToListAsync(ct);
        await AuditNow(actor, "list", null, null, StatusCodes.Status200OK, ct);
        return rows.Select(Summary).ToList();
    }

    /// <summary>
    /// A new version; earlier ones stay as they were. With <paramref name="expectedVersion"/> (from If-Match) the
    /// write happens only if that is still the current version. Two writers racing on one version: one wins, the
    /// other gets <see cref="UpdateStatus.Conflict"/> (or <see cref="UpdateStatus.Stale"/> when it named a version),
    /// never an exception.
    /// </summary>
    public async Task<UpdateResult> Update(Actor actor, string id, ParsedInput p, Assessment a, AssessmentDocument doc, CancellationToken ct, int? expectedVersion = null)
    {
        var c = await Visible(actor).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            await AuditNow(actor, "update", Clip(id), null, StatusCodes.Status404NotFound, ct);
            return new(UpdateStatus.NotFound, null);
        }
        if (expectedVersion is { } ev && ev != c.CurrentVersion)
        {
            await AuditNow(actor, "update", id, c.CurrentVersion, StatusCodes.Status412PreconditionFailed, ct);
            return new(UpdateStatus.Stale, c.CurrentVersion);
        }
        var now = time.GetUtcNow();
        var next = c.CurrentVersion + 1;
        db.CaseVersions.Add(NewVersion(id, next, p, a, doc, actor.Id, now));
        c.CurrentVersion = next;
        c.UpdatedAt = now;
        c.LeadingDiagnosis = a.Leading.Id;
        c.LeadingProbability = a.Leading.Probability;
        if (p.Title is not null) c.Title = Storable(p.Title, TitleLength);
        Audit(actor, "update", id, next, StatusCodes.Status200OK);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (StoreErrors.Classify(e) == StoreFailure.Conflict)
        {
            // The version this request read was replaced meanwhile (concurrency token or the unique (case, version) key).
            var status = expectedVersion is null ? UpdateStatus.Conflict : UpdateStatus.Stale;
            await AuditNow(actor, "update", id, null, status == UpdateStatus.Stale ? StatusCodes.Status412PreconditionFailed : StatusCodes.Status409Conflict, ct);
            var current = await db.Cases.AsNoTracking().Where(x => x.Id == id).Select(x => (int?)x.CurrentVersion).FirstOrDefaultAsync(ct);
            return new(status, current);
        }
        return new(UpdateStatus.Updated, next);
    }

    /// <summary>Soft delete: the owner or an admin. Returns the HTTP-style outcome.</summary>
    public async Task<int> Delete(Actor actor, string id, CancellationToken ct)
    {
        var c = await Visible(actor).FirstOrDefaultAsync(x => x.Id == id, ct);
        var status = c is null ? StatusCodes.Status404NotFound : c.OwnerId != actor.Id && !actor.IsAdmin ? StatusCodes.Status403Forbidden : StatusCodes.Status204NoContent;
        if (status == StatusCodes.Status204NoContent)
        {
            c!.DeletedAt = time.GetUtcNow();
            c.DeletedById = actor.Id;
            Audit(actor, "delete", id, c.CurrentVersion, status);
            await db.SaveChangesAsync(ct);
        }
        else await AuditNow(actor, "delete", Clip(id), null, status, ct);
        return status;
    }

    public async Task<int> Restore(Actor actor, string id, CancellationToken ct)
    {
        if (!actor.IsAdmin)
        {
            await AuditNow(actor, "restore", Clip(id), null, StatusCodes.Status403Forbidden, ct);
            return StatusCodes.Status403Forbidden;
        }
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            await AuditNow(actor, "restore", Clip(id), null, StatusCodes.Status404NotFound, ct);
            return StatusCodes.Status404NotFound;
        }
        c.DeletedAt = null;
        c.DeletedById = null;
        Audit(actor, "restore", id, c.CurrentVersion, StatusCodes.Status200OK);
        await db.SaveChangesAsync(ct);
        return StatusCodes.Status200OK;
    }

    /// <summary>Shares a case with another user (owner or admin only).</summary>
    public async Task<int> Share(Actor actor, string id, string userName, bool share, CancellationToken ct)
    {
        var action = share ? "share" : "unshare";
        var c = await Visible(actor).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) { await AuditNow(actor, action, Clip(id), null, 404, ct); return 404; }
        if (c.OwnerId != actor.Id && !actor.IsAdmin) { await AuditNow(actor, action, id, null, 403, ct); return 403; }
        var u = await db.Users.FirstOrDefaultAsync(x => x.Name == userName, ct);
        if (u is null) { await AuditNow(actor, action, id, null, 422, ct); return 422; }
        var existing = await db.CaseShares.FirstOrDefaultAsync(s => s.CaseId == id && s.UserId == u.Id, ct);
        if (share && existing is null) db.CaseShares.Add(new CaseShareRow { CaseId = id, UserId = u.Id, CreatedAt = time.GetUtcNow() });
        if (!share && existing is not null) db.CaseShares.Remove(existing);
        Audit(actor, action, id, null, 204);
        await db.SaveChangesAsync(ct);
        return 204;
    }

    /// <summary>The audit trail of one case (its owner or an admin), or of everything (admin).</summary>
    public async Task<IReadOnlyList<AuditEntry>?> AuditTrail(Actor actor, string? caseId, int limit, CancellationToken ct)
    {
        if (caseId is null && !actor.IsAdmin) return null;
        if (caseId is not null && !actor.IsAdmin && !await db.Cases.AnyAsync(c => c.Id == caseId && c.OwnerId == actor.Id, ct)) return null;
        var q = db.Audit.AsNoTracking().AsQueryable();
        if (caseId is not null) q = q.Where(a => a.CaseId == caseId);
        var rows = await q.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 5000)).ToListAsync(ct);
        return rows.Select(r => new AuditEntry(r.At, r.UserName, r.Action, r.CaseId, r.Version, r.Status, r.Channel)).ToList();
    }

    private static CaseSummary Summary(CaseRow c) =>
        new(c.Id, c.Title, c.Owner?.Name ?? "?", c.LeadingDiagnosis, c.LeadingProbability, c.CurrentVersion, c.CreatedAt, c.UpdatedAt, c.DeletedAt is not null);

    /// <summary>Ids from the URL go to the audit row only if they are short; anything else is cut.</summary>
    private static string Clip(string id) => id.Length > 32 ? id[..32] : id;

    private const int TitleLength = 200;

    /// <summary>
    /// Text from a request (API, pages, query strings) as the database can store and compare it: through the one
    /// normalisation step (PostgreSQL refuses NUL, and no driver can send a lone surrogate), then at most
    /// <paramref name="max"/> characters without splitting a surrogate pair (a longer title would be refused by the column).
    /// </summary>
    private static string? Storable(string? s, int max = InputNormalizer.MaxChars)
    {
        if (s is null) return null;
        s = InputNormalizer.Text(s.Length > InputNormalizer.MaxChars ? s[..InputNormalizer.MaxChars] : s);
        if (s.Length <= max) return s;
        var cut = char.IsHighSurrogate(s[max - 1]) ? max - 1 : max;
        return s[..cut];
    }
}
