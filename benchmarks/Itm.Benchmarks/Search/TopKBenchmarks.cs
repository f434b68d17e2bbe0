using BenchmarkDotNet.Attributes;
using Itm.Data.Ranking;

namespace Itm.Benchmarks.Search;

/// <summary>The top-k heap fed one scan's worth of scores, as an exact search feeds it.</summary>
[MemoryDiagnoser]
public class TopKBenchmarks
{
    private float[] scores = [];

    [Params(10, 100)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        scores = new float[100_000];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)random.NextDouble();
        }
    }

    [Benchmark]
    public int OfferAll()
    {
        var top = new TopK(K);
        for (int row = 0; row < scores.Length; row++)
        {
            float score = scores[row];
            if (score >= top.Threshold)
            {
                top.Offer(row, score);
            }
        }

        return top.ToList().Count;
    }
}
