using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Index.Storage;

/// <summary>A collection of an open index: its vector rows, the live ones among them, and the structure that searches them.</summary>
/// <param name="Rows">Every row of the vector file, dead ones included; owned by the reader.</param>
/// <param name="Live">The rows that still belong to an image or caption.</param>
/// <param name="Index">The search structure over the live rows (exact, HNSW, or a backend's); owned by the reader.</param>
public sealed record CollectionView(VectorRows Rows, RowFilter Live, IVectorIndex Index);
