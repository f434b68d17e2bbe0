namespace Itm.Data.IO;

/// <summary>Why a write to disk failed when the fault is the disk's, not the data's.</summary>
public enum StorageFailureKind
{
    /// <summary>The device is full (ENOSPC; SQLite's SQLITE_FULL).</summary>
    NoSpace,

    /// <summary>The folder's file system is read-only (EROFS; SQLite's SQLITE_READONLY).</summary>
    NotWritable,
}

/// <summary>
/// A job that writes a folder (an index, a model) stopped because the disk refused a write. The message names the
/// folder and the file or operation that failed and says what to do; nothing already committed is lost, and the same
/// command resumes once there is room, or the folder is writable again.
/// </summary>
public sealed class StorageFailureException : IOException
{
    private StorageFailureException(StorageFailureKind kind, string folder, string whatFolder, Exception culprit, Exception inner)
        : base(MessageFor(kind, folder, whatFolder, culprit), inner)
    {
        Kind = kind;
        Folder = folder;
    }

    public StorageFailureKind Kind { get; }

    /// <summary>The folder the job was writing.</summary>
    public string Folder { get; }

    /// <summary>
    /// Runs a job that writes <paramref name="folder"/>; a write the disk refuses comes out as a
    /// <see cref="StorageFailureException"/> naming the folder (<paramref name="whatFolder"/> says what it is: "the
    /// index"), every other failure as it was. <paramref name="kindOf"/> recognises what a library below reports in its
    /// own exceptions (SQLite's result codes, say) beside the operating system's errors that <see cref="KindOf"/> reads.
    /// </summary>
    public static T Guard<T>(string folder, string whatFolder, Func<T> job, Func<Exception, StorageFailureKind?>? kindOf = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            return job();
        }
        catch (Exception e) when (e is not StorageFailureException && Recognise(e, kindOf) is ({ } kind, { } culprit))
        {
            // The culprit's message, not the outermost one: it is the one that names the file or says "disk is full".
            throw new StorageFailureException(kind, Path.GetFullPath(folder), whatFolder, culprit, e);
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps) is the disk refusing a write, and how, from the errno .NET
    /// gives an <see cref="IOException"/> on Linux (or the HRESULT on Windows).
    /// </summary>
    public static StorageFailureKind? KindOf(Exception exception) => Recognise(exception, null).Kind;

    private const int NoSpaceErrno = 28;
    private const int ReadOnlyFileSystemErrno = 30;
    private const int DiskFullHResult = unchecked((int)0x80070070);
    private const int HandleDiskFullHResult = unchecked((int)0x80070027);

    /// <summary>The first exception down the chain that is the disk refusing a write, and how it refused.</summary>
    private static (StorageFailureKind? Kind, Exception? Culprit) Recognise(Exception exception, Func<Exception, StorageFailureKind?>? kindOf)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var kind = e switch
            {
                StorageFailureException failure => failure.Kind,
                IOException { HResult: NoSpaceErrno or DiskFullHResult or HandleDiskFullHResult } => StorageFailureKind.NoSpace,
                IOException { HResult: ReadOnlyFileSystemErrno } => StorageFailureKind.NotWritable,
                _ => kindOf?.Invoke(e),
            };
            if (kind is not null)
            {
                return (kind, e);
            }
        }

        return (null, null);
    }

    private static string MessageFor(StorageFailureKind kind, string folder, string whatFolder, Exception culprit)
    {
        string cause = kind == StorageFailureKind.NoSpace
            ? $"No space left on the device that holds {whatFolder} {folder}"
            : $"{char.ToUpperInvariant(whatFolder[0])}{whatFolder[1..]} {folder} can't be written: its file system is read-only";
        string fix = kind == StorageFailureKind.NoSpace ? "Free some space there" : "Make it writable again (remount it read-write)";
        return $"{cause} ({culprit.Message.TrimEnd('.')}). {fix} and run the same command again: what was written before is kept and the run resumes from there.";
    }
}
