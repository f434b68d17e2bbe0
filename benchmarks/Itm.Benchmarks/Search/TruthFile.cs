using System.Runtime.InteropServices;

namespace Itm.Benchmarks.Search;

/// <summary>The exact top-k rows of every query, k int64 rows per query, as a plain little-endian file.</summary>
public static class TruthFile
{
    public static void Write(string path, IReadOnlyList<IReadOnlyList<long>> rows, int k)
    {
        var flat = new long[rows.Count * k];
        for (int q = 0; q < rows.Count; q++)
        {
            for (int i = 0; i < Math.Min(k, rows[q].Count); i++)
            {
                flat[(q * k) + i] = rows[q][i];
            }
        }

        File.WriteAllBytes(path, MemoryMarshal.AsBytes(flat.AsSpan()).ToArray());
    }

    public static long[][] Read(string path, int k)
    {
        var flat = MemoryMarshal.Cast<byte, long>(File.ReadAllBytes(path)).ToArray();
        return Enumerable.Range(0, flat.Length / k).Select(q => flat.AsSpan(q * k, k).ToArray()).ToArray();
    }

    /// <summary>Mean over queries of the share of the true top-k found.</summary>
    public static double Recall(long[][] truth, IReadOnlyList<IReadOnlyList<long>> found) =>
        truth.Zip(found).Average(pair => pair.First.Intersect(pair.Second).Count() / (double)pair.First.Length);
}
