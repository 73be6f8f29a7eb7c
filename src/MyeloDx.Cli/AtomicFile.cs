using MyeloDx.Core.Errors;

namespace MyeloDx.Cli;

/// <summary>
/// Writes an output file whole or not at all: the content goes to a temporary file beside the target, is flushed to
/// disk, then renamed over the target. A full or read-only disk leaves no partial report or export (the temporary
/// file is removed) and is a coded error (MDX-IN041), not an internal one.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                f.Write(content);
                f.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            var why = e is UnauthorizedAccessException ? "permission denied (read-only place?)"
                : (e.HResult & 0xFFFF) is 28 or 122 ? "the disk is full" : "it could not be written";
            throw new InputException("MDX-IN041", path, $"{why}; nothing was written");
        }
    }

    public static void Write(string path, string text) => Write(path, new System.Text.UTF8Encoding(false).GetBytes(text));
}
