namespace Itm.Search.Duplicates;

/// <summary>Two vector rows whose vectors are alike enough to be duplicates, <see cref="First"/> the lower.</summary>
public readonly record struct RowPair(long First, long Second);
