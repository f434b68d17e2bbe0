namespace Itm.Data.Readers;

/// <summary>A dataset together with the report of what was skipped while reading it.</summary>
public sealed record DatasetReadResult(CaptionDataset Dataset, ReadReport Report);
