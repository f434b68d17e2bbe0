namespace Itm.Model.Features;

/// <summary>Where itm keeps derived files that can always be rebuilt (feature vectors, batch-enabled model copies).</summary>
public static class CacheDirectory
{
    /// <summary>Environment variable that overrides the default cache root.</summary>
    public const string EnvironmentVariable = "ITM_CACHE";

    /// <summary>
    /// <paramref name="configured"/> if given, else $ITM_CACHE, else $XDG_CACHE_HOME/itm, else ~/.cache/itm
    /// (the XDG base-directory convention, so users find and clear it where they expect).
    /// </summary>
    public static string Resolve(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var itm = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(itm))
        {
            return Path.GetFullPath(itm);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "itm");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new InvalidOperationException(
                $"Cannot find a cache folder: no home directory, and neither ${EnvironmentVariable} nor $XDG_CACHE_HOME is set. Set ${EnvironmentVariable}.");
        }

        return Path.Combine(home, ".cache", "itm");
    }

    /// <summary>
    /// Writes a file so that readers see either the old content or the complete new one, never a prefix: write a
    /// temporary file in the same folder, flush it to disk, then rename over the target (atomic on POSIX and NTFS).
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray .tmp file is never read back.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
