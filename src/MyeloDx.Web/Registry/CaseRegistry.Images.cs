using Microsoft.EntityFrameworkCore;
using MyeloDx.Web.Security;

namespace MyeloDx.Web.Registry;

internal enum ImageStatus { Attached, NotFound, Full }

internal sealed record AttachResult(ImageStatus Status, CaseImage? Image);

/// <summary>
/// Key images of a case. An image is recorded with the version that is current when it is attached and is shown with
/// that version and every later one, so editing the case never loses it, while an earlier version (and its report)
/// stays as it was. Reading or attaching one is audited like any other access to the case.
/// </summary>
internal sealed partial class CaseRegistry
{
    /// <summary>Key images a case may hold: enough for a case report's figures, bounded so one case cannot fill the store.</summary>
    public const int MaxImagesPerCase = 10;

    /// <summary>Attaches a cleaned image to a case the actor may update (the same rule as <see cref="Update"/>).</summary>
    public async Task<AttachResult> AttachImage(Actor actor, string id, CleanedImage image, CancellationToken ct)
    {
        var c = await Visible(actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            await AuditNow(actor, "image-add", Clip(id), null, StatusCodes.Status404NotFound, ct);
            return new(ImageStatus.NotFound, null);
        }
        if (await db.CaseImages.CountAsync(i => i.CaseId == id, ct) >= MaxImagesPerCase)
        {
            await AuditNow(actor, "image-add", id, c.CurrentVersion, StatusCodes.Status409Conflict, ct);
            return new(ImageStatus.Full, null);
        }
        var row = new CaseImageRow
        {
            CaseId = id, Version = c.CurrentVersion, ContentType = image.ContentType, Content = image.Content,
            Width = image.Width, Height = image.Height, Caption = image.Caption, CreatedAt = time.GetUtcNow(), CreatedById = actor.Id,
        };
        db.CaseImages.Add(row);
        Audit(actor, "image-add", id, c.CurrentVersion, StatusCodes.Status201Created);
        await db.SaveChangesAsync(ct); // one transaction: the image and its audit row
        return new(ImageStatus.Attached, ToImage(row));
    }

    /// <summary>
    /// The images shown with the version in <paramref name="d"/> (attached with it or before), in the order attached.
    /// Only for a caller that read the case through <see cref="Get"/>, which checked access and audited the read.
    /// Without <paramref name="withContent"/> the bytes are left out (the page and the listing link to them instead).
    /// </summary>
    public async Task<IReadOnlyList<CaseImage>> ImagesOf(CaseDetail d, bool withContent, CancellationToken ct)
    {
        var q = db.CaseImages.AsNoTracking().Where(i => i.CaseId == d.Summary.Id && i.Version <= d.Current.Version).OrderBy(i => i.Id);
        if (withContent) return (await q.ToListAsync(ct)).Select(ToImage).ToList();
        var rows = await q.Select(i => new { i.Id, i.Version, i.ContentType, i.Width, i.Height, i.Caption, i.CreatedAt }).ToListAsync(ct);
        return rows.Select(i => new CaseImage(i.Id, i.Version, i.ContentType, [], i.Width, i.Height, i.Caption, i.CreatedAt)).ToList();
    }

    /// <summary>One image, if the actor may read its case (owner, shared with, or admin); null (and a 404 audit row) otherwise.</summary>
    public async Task<CaseImage?> Image(Actor actor, string id, long imageId, CancellationToken ct)
    {
        var c = await Visible(actor, includeDeleted: true).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var row = c is null || (c.DeletedAt is not null && !actor.IsAdmin)
            ? null
            : await db.CaseImages.AsNoTracking().FirstOrDefaultAsync(i => i.Id == imageId && i.CaseId == id, ct);
        await AuditNow(actor, "image-read", Clip(id), row?.Version, row is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, ct);
        return row is null ? null : ToImage(row);
    }

    /// <summary>
    /// Removes an image attached by mistake (e.g. another patient's scan): its owner or an admin only. The bytes are
    /// deleted, not hidden, so they vanish from every version; the audit trail keeps that it happened (never the image).
    /// Returns the HTTP-style outcome (204, 403, 404).
    /// </summary>
    public async Task<int> RemoveImage(Actor actor, string id, long imageId, CancellationToken ct)
    {
        var c = await Visible(actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var row = c is null ? null : await db.CaseImages.FirstOrDefaultAsync(i => i.Id == imageId && i.CaseId == id, ct);
        var status = row is null ? StatusCodes.Status404NotFound
            : c!.OwnerId != actor.Id && !actor.IsAdmin ? StatusCodes.Status403Forbidden : StatusCodes.Status204NoContent;
        if (status != StatusCodes.Status204NoContent)
        {
            await AuditNow(actor, "image-remove", Clip(id), row?.Version, status, ct);
            return status;
        }
        db.CaseImages.Remove(row!);
        Audit(actor, "image-remove", id, row!.Version, status);
        await db.SaveChangesAsync(ct);
        return status;
    }

    /// <summary>
    /// Corrects the legend of an image (a typo, a wrong level): whoever may attach images to the case may. The bytes
    /// never change. The corrected legend shows wherever the image does, in every version and report, as a removal
    /// would: a legend describes the image, not one version of the note, and a wrong one should not survive anywhere.
    /// The audit trail records the correction (never the text). Returns the HTTP-style outcome (200 or 404).
    /// </summary>
    public async Task<(int Status, CaseImage? Image)> EditImageCaption(Actor actor, string id, long imageId, string caption, CancellationToken ct)
    {
        var c = await Visible(actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var row = c is null ? null : await db.CaseImages.FirstOrDefaultAsync(i => i.Id == imageId && i.CaseId == id, ct);
        if (row is null)
        {
            await AuditNow(actor, "image-caption", Clip(id), null, StatusCodes.Status404NotFound, ct);
            return (StatusCodes.Status404NotFound, null);
        }
        row.Caption = caption;
        Audit(actor, "image-caption", id, row.Version, StatusCodes.Status200OK);
        await db.SaveChangesAsync(ct); // one transaction: the caption and its audit row
        return (StatusCodes.Status200OK, ToImage(row));
    }

    private static CaseImage ToImage(CaseImageRow r) => new(r.Id, r.Version, r.ContentType, r.Content, r.Width, r.Height, r.Caption, r.CreatedAt);
}
