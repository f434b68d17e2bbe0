namespace Itm.Index.Scanning;

/// <summary>An image file found under the indexed folder, with what decides whether it changed since the last run.</summary>
/// <param name="RelativePath">Relative to the folder, with '/' separators: the key in the catalog.</param>
public sealed record ScannedFile(string RelativePath, string FullPath, long Size, long MtimeTicks);
