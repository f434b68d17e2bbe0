namespace Itm.Evaluation.Tests;

/// <summary>Seeded fake embeddings: each sentence is its image's vector plus noise, L2-normalised, 1 to maxCaptions sentences per image.</summary>
internal sealed record EmbeddingSet(float[] Images, float[] Sentences, int Dim, int[] SentenceImage)
{
    public int ImageCount => Images.Length / Dim;

    public int SentenceCount => SentenceImage.Length;

    public static EmbeddingSet Random(int seed, int images, int dim, int maxCaptions, float noise = 1.5f)
    {
        var rng = new Random(seed);
        float[] imageRows = new float[images * dim];
        for (int i = 0; i < images; i++)
            Fill(imageRows.AsSpan(i * dim, dim), rng, null, 0);

        var sentenceImage = new List<int>();
        var sentenceRows = new List<float>();
        for (int i = 0; i < images; i++)
        {
            int captions = rng.Next(1, maxCaptions + 1);
            for (int c = 0; c < captions; c++)
            {
                float[] row = new float[dim];
                Fill(row, rng, imageRows.AsSpan(i * dim, dim).ToArray(), noise);
                sentenceRows.AddRange(row);
                sentenceImage.Add(i);
            }
        }

        // Shuffle sentence order so no code can lean on sentences being grouped by image.
        int[] order = [.. Enumerable.Range(0, sentenceImage.Count).OrderBy(_ => rng.Next())];
        float[] sentences = new float[sentenceRows.Count];
        for (int s = 0; s < order.Length; s++)
            sentenceRows.GetRange(order[s] * dim, dim).CopyTo(sentences, s * dim);
        return new EmbeddingSet(imageRows, sentences, dim, [.. order.Select(o => sentenceImage[o])]);
    }

    // A unit vector: random when centre is null, else centre plus Gaussian noise of about norm `noise`.
    private static void Fill(Span<float> row, Random rng, float[]? centre, float noise)
    {
        double spread = centre is null ? 1 : noise / Math.Sqrt(row.Length);
        double norm = 0;
        for (int d = 0; d < row.Length; d++)
        {
            row[d] = (float)((centre?[d] ?? 0) + (Gaussian(rng) * spread));
            norm += (double)row[d] * row[d];
        }

        float scale = (float)(1 / Math.Sqrt(norm));
        for (int d = 0; d < row.Length; d++)
            row[d] *= scale;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
