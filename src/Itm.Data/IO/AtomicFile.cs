using System.Text;

namespace Itm.Data.IO;

/// <summary>
/// Writes a file through a temporary file in the same folder and renames it into place, so a crash or a full disk
/// never leaves a half-written dataset, vocabulary, model or checkpoint where a reader would take it for a whole one.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes through a stream.</summary>
    public static void Write(string path, Action<Stream> write) => WriteVia(path, temporary =>
    {
        using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(stream);
        stream.Flush(flushToDisk: true);
    });

    /// <summary>
    /// Writes <paramref name="content"/> unless the file already holds exactly that (files made once and reused, like
    /// the SVGs of an icon package); returns whether it wrote.
    /// </summary>
    public static bool WriteIfChanged(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (File.Exists(path) && new FileInfo(path).Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return false;
        }

        Write(path, stream => stream.Write(content));
        return true;
    }

    public static void WriteAllText(string path, string content) =>
        Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content)));

    /// <summary>For libraries that only write to a path (TorchSharp's <c>save</c>): they write the temporary file.</summary>
    public static void WriteVia(string path, Action<string> writeTemporaryFile)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporaryFile(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
