using Itm.Data.Images;
using static TorchSharp.torch;

namespace Itm.Model.ImageInputs;

/// <summary>
/// Image inputs for a collection, stacked row-major: one row of <see cref="Shape"/> per readable
/// image (<c>[512]</c> ResNet18 features, <c>[512, 7, 7]</c> the input of its last block, or <c>[3, S, S]</c> pixels),
/// in the order asked for.
/// Unreadable images (only when skipping was asked for) have no row and are listed by path.
/// </summary>
public sealed class ImageInputs
{
    public ImageInputs(float[][] rows, IReadOnlyList<int> shape, int cacheHits, IReadOnlyList<ImageLoadException> unreadable)
    {
        Rows = rows;
        Shape = shape;
        CacheHits = cacheHits;
        Unreadable = unreadable;
    }

    public float[][] Rows { get; }

    public IReadOnlyList<int> Shape { get; }

    public int Count => Rows.Length;

    public int CacheHits { get; }

    /// <summary>The images skipped as unreadable, each naming its file and reason.</summary>
    public IReadOnlyList<ImageLoadException> Unreadable { get; }

    /// <summary>Rows <c>[first, first + count)</c> as one tensor <c>[count, ...Shape]</c>.</summary>
    public Tensor ToTensor(int first, int count)
    {
        int width = Shape.Aggregate(1, (a, b) => a * b);
        var flat = new float[(long)count * width];
        for (int i = 0; i < count; i++)
        {
            Rows[first + i].CopyTo(flat, (long)i * width);
        }

        long[] shape = [count, .. Shape.Select(s => (long)s)];
        return tensor(flat).view(shape);
    }
}
