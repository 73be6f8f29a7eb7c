namespace MyeloDx.Reports.Images;

/// <summary>
/// A key image of a case (e.g. the MRI slice that shows the lesion), already cleaned by <see cref="KeyImages.Clean"/>:
/// re-encoded as PNG with no metadata. <paramref name="Caption"/> is the figure legend.
/// </summary>
public sealed record KeyImage(byte[] Png, int Width, int Height, string Caption);
