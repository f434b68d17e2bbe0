using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using Itm.Index.Indexing;

namespace Itm.Index.Tests.Fixtures;

/// <summary>
/// A deterministic stand-in for a model: a file's vector is a unit vector derived from the SHA-256 of its bytes (a
/// sentence's from its text), the same in any batch. A file whose text starts with "broken" is unreadable.
/// Hooks let tests cancel or fail in the middle of a batch.
/// </summary>
internal sealed class FakeEmbedder : IImageEmbedder, ITextEmbedder
{
    public const int Dimension = 8;

    /// <summary>Called with the batch's paths before embedding it; may throw (a crash inside a batch) or cancel.</summary>
    public Action<IReadOnlyList<string>>? BeforeBatch { get; set; }

    public int ImagesEmbedded { get; private set; }

    public int SentencesEmbedded { get; private set; }

    public EmbeddedImages Embed(IReadOnlyList<string> paths, IProgress<int>? progress, CancellationToken cancellation)
    {
        BeforeBatch?.Invoke(paths);
        var embedded = new List<int>();
        var vectors = new List<float>();
        var unreadable = new List<UnreadableImage>();
        for (int i = 0; i < paths.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            byte[] bytes = File.ReadAllBytes(paths[i]);
            if (Encoding.UTF8.GetString(bytes).StartsWith("broken", StringComparison.Ordinal))
            {
                unreadable.Add(new UnreadableImage(paths[i], "its contents are not in a supported image format"));
                continue;
            }

            embedded.Add(i);
            vectors.AddRange(VectorOf(bytes));
            ImagesEmbedded++;
            progress?.Report(i + 1);
        }

        return new EmbeddedImages(embedded, [.. vectors], unreadable);
    }

    public float[] Embed(IReadOnlyList<string> sentences)
    {
        SentencesEmbedded += sentences.Count;
        return sentences.SelectMany(s => VectorOf(Encoding.UTF8.GetBytes(s))).ToArray();
    }

    public static float[] VectorOf(byte[] content)
    {
        byte[] hash = SHA256.HashData(content);
        var vector = new float[Dimension];
        for (int d = 0; d < Dimension; d++)
        {
            vector[d] = (hash[d] - 127.5f) / 127.5f;
        }

        float norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Divide(vector, norm, vector);
        return vector;
    }
}
