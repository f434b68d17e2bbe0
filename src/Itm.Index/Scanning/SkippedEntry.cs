namespace Itm.Index.Scanning;

/// <summary>Something under the images folder that a scan left out on purpose (a symbolic link out of the folder, a linked folder, a link loop), and why.</summary>
/// <param name="RelativePath">Relative to the folder, with '/' separators.</param>
public sealed record SkippedEntry(string RelativePath, string Reason);
