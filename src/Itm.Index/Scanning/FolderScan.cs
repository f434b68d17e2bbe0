namespace Itm.Index.Scanning;

/// <summary>What a scan of the images folder found, and what it left out and why.</summary>
/// <param name="Files">The images to index, ordered by relative path (ordinal), so every run sees them in the same order.</param>
/// <param name="Skipped">Symbolic links left out (out of the folder, to a folder, a loop), in ordinal order of their paths.</param>
/// <param name="IgnoredFiles">Images left out by an ignore rule (.itmignore or <c>--exclude</c>), in ordinal order.</param>
/// <param name="IgnoredFolders">Folders left out by an ignore rule, in ordinal order: the scan did not enter them, so their images are not counted in <paramref name="IgnoredFiles"/>.</param>
/// <param name="UnreadableRules">.itmignore files whose rules could not be read, and why; the scan went on without them.</param>
/// <param name="FoldersEntered">Folders listed, the images folder included.</param>
public sealed record FolderScan(
    IReadOnlyList<ScannedFile> Files,
    IReadOnlyList<SkippedEntry> Skipped,
    IReadOnlyList<string> IgnoredFiles,
    IReadOnlyList<string> IgnoredFolders,
    IReadOnlyList<SkippedEntry> UnreadableRules,
    int FoldersEntered);
