using System.Numerics.Tensors;

namespace Itm.Evaluation;

/// <summary>One retrieved item: its row in the searched set and its cosine score.</summary>
public readonly record struct ScoredItem(int Index, float Score);

/// <summary>Exact top-k by dot product over row-major embeddings (unit vectors, so the score is the cosine).</summary>
public static class TopK
{
    public static IReadOnlyList<ScoredItem> Search(ReadOnlySpan<float> query, ReadOnlySpan<float> items, int dim, int k)
    {
        if (dim <= 0 || query.Length != dim || items.Length % dim != 0)
        {
            throw new ArgumentException($"Query of length {query.Length} and items of length {items.Length} don't fit dimension {dim}.");
        }

        int count = items.Length / dim;
        k = Math.Min(k, count);
        // A min-heap of the best k so far: O(n log k), and no n-sized allocation.
        var heap = new PriorityQueue<int, (float Score, int Index)>(k + 1, Comparer<(float Score, int Index)>.Create(
            (a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Index.CompareTo(a.Index)));
        for (int i = 0; i < count; i++)
        {
            float score = TensorPrimitives.Dot(query, items.Slice(i * dim, dim));
            heap.Enqueue(i, (score, i));
            if (heap.Count > k)
            {
                heap.Dequeue();
            }
        }

        var result = new ScoredItem[heap.Count];
        for (int at = result.Length - 1; at >= 0; at--)
        {
            heap.TryDequeue(out int index, out var priority);
            result[at] = new ScoredItem(index, priority.Score);
        }

        return result;
    }
}
