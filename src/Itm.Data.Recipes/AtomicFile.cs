namespace Itm.Data.Recipes;

/// <summary>Files written whole or not at all, so a run that stops half-way never leaves a truncated file for the next to read.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> through a temporary file in the same folder and a
    /// rename, unless the file already holds exactly that; returns whether it wrote.
    /// </summary>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(content);
        if (File.Exists(path) && new FileInfo(path).Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
            return false;

        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }

        return true;
    }
}
