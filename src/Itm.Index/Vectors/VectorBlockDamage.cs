namespace Itm.Index.Vectors;

/// <summary>A block of a vector file whose bytes are not the ones its checksum was recorded for.</summary>
/// <param name="NoRecord">The catalog has no checksum for the block at all (the catalog, not the file, is damaged).</param>
public sealed record VectorBlockDamage(string Path, long Block, long FirstRow, long LastRow, bool NoRecord)
{
    public string Describe() => NoRecord
        ? $"{Path}: rows {FirstRow}–{LastRow} (block {Block}) have no checksum in the catalog: the catalog was damaged or edited."
        : $"{Path}: rows {FirstRow}–{LastRow} (block {Block}) differ from the checksum recorded when they were written: " +
          "the file was damaged on disk or changed by another program.";
}
