namespace Itm.Fuzz;

/// <summary>
/// A private temporary folder for the targets whose readers take a path: each input is written to a file here and
/// read back by the real reader. One per process; afl-fuzz runs one process per target.
/// </summary>
public sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Folder = Directory.CreateTempSubdirectory("itm-fuzz-").FullName;
    }

    public string Folder { get; }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="relativePath"/> under <see cref="Folder"/>, replacing the last input's file.</summary>
    public string Write(string relativePath, ReadOnlySpan<byte> bytes)
    {
        string path = Path.Combine(Folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>An empty sub-folder, cleared of what the last input left in it.</summary>
    public string EmptyFolder(string name)
    {
        string path = Path.Combine(Folder, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Directory.CreateDirectory(path).FullName;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the system cleans it.
        }
    }
}
