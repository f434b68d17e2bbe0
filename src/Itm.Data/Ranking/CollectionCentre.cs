using System.Numerics.Tensors;

namespace Itm.Data.Ranking;

/// <summary>Whether a collection's image vectors are compared as the model gives them or centred on their mean.</summary>
public enum ImageCentring
{
    /// <summary>As the model gives them.</summary>
    None,

    /// <summary>Centred on the collection's mean (<see cref="CollectionCentre"/>).</summary>
    Collection,
}

/// <summary>
/// The mean of a collection's image vectors, which its image vectors are centred on before anything is compared with
/// them: each vector <c>v</c> becomes <c>normalize(v − μ)</c> (per part of the joint space, as the model normalises).
/// </summary>
/// <remarks>
/// Why: a model used on a kind of picture it was not trained on maps them all into a narrow cone; its mean is long
/// (0.43 on OpenClipart and 0.52 on Tux Paint for the base model, against 0.08 on its own icons), and the few pictures
/// nearest that mean come near the top of every query ("hubs"). Removing the common direction lets the rest of the
/// vector rank. Measured on the base model, zero-shot: OpenClipart R-sum 47.4 → 51.5, Tux Paint 87.0 → 107.5; on a
/// model trained on the collection it is neutral at best and costs up to 7.6 R-sum for a model with parts, so it is a
/// choice of the index (docs/base-model.md). The mean is shrunk towards zero by <c>n / (n + <see cref="ShrinkImages"/>)</c>:
/// a mean of a handful of pictures is mostly those pictures, and one picture (or copies of one) must not cancel to zero.
/// </remarks>
public sealed class CollectionCentre
{
    /// <summary>The pseudo-count of the shrinkage: the mean of n images is scaled by n / (n + 4).</summary>
    public const int ShrinkImages = 4;

    private readonly float[] mean;
    private readonly double[] shares;

    /// <param name="mean">The (shrunk) mean to subtract, one value per dimension.</param>
    /// <param name="partShares">Each part's share of the joint space, as the model's parts (one part: <c>[1]</c>).</param>
    /// <param name="images">How many images the mean was estimated from (0: not known).</param>
    public CollectionCentre(float[] mean, IReadOnlyList<double> partShares, int images = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(images);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(partShares);
        if (partShares.Count == 0 || mean.Length == 0 || mean.Length % partShares.Count != 0)
        {
            throw new ArgumentException($"A centre of {mean.Length} dimensions can't be split into {partShares.Count} equal parts.", nameof(partShares));
        }

        if (mean.Any(x => !float.IsFinite(x)) || partShares.Any(s => !(s > 0 && s <= 1)))
        {
            throw new ArgumentException("A centre's values must be finite and its part shares in (0, 1].", nameof(mean));
        }

        this.mean = mean;
        shares = [.. partShares];
        Images = images;
    }

    public ReadOnlySpan<float> Mean => mean;

    public IReadOnlyList<double> PartShares => shares;

    public int Dimension => mean.Length;

    /// <summary>How many images the mean was estimated from (0: not known).</summary>
    public int Images { get; }

    /// <summary>The shrunk mean of the row-major <paramref name="rows"/> (each <paramref name="dimension"/> wide); at least one row.</summary>
    public static CollectionCentre Estimate(ReadOnlySpan<float> rows, int dimension, IReadOnlyList<double> partShares)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (rows.Length == 0 || rows.Length % dimension != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not a whole number (at least one) of {dimension}-wide rows.", nameof(rows));
        }

        int count = rows.Length / dimension;
        var sum = new float[dimension];
        for (int row = 0; row < count; row++)
        {
            TensorPrimitives.Add(sum, rows.Slice(row * dimension, dimension), sum);
        }

        TensorPrimitives.Multiply(sum, 1f / (count + ShrinkImages), sum);
        return new CollectionCentre(sum, partShares, count);
    }

    /// <summary>
    /// Centres every row of <paramref name="rows"/> in place: each part's slice of <c>v − μ</c> normalised and scaled by
    /// the square root of its share. A slice that the centre cancels (a zero difference) keeps its value.
    /// </summary>
    public void Apply(Span<float> rows)
    {
        float[] buffer = new float[mean.Length / shares.Length];
        EachPart(rows, (slice, centre, share) =>
        {
            TensorPrimitives.Subtract(slice, centre, buffer);
            float norm = TensorPrimitives.Norm(buffer);
            if (norm > 1e-6f)
            {
                TensorPrimitives.Multiply(buffer, (float)Math.Sqrt(share) / norm, slice);
            }
        });
    }

    /// <summary>
    /// Undoes <see cref="Apply"/> in place: each part's slice back to the vector the model gave, which had length
    /// sqrt(share) and lay at <c>t</c> along the centred direction <c>u</c> from the mean, with <c>t</c> the positive root of
    /// <c>‖μ + t·u‖² = share</c>. For what compares pictures with pictures as the model sees them (duplicates).
    /// </summary>
    public void Restore(Span<float> rows) =>
        EachPart(rows, (slice, centre, share) =>
        {
            TensorPrimitives.Divide(slice, (float)Math.Sqrt(share), slice);            // u, unit length
            double along = TensorPrimitives.Dot(centre, slice);                     // μ·u
            double squared = TensorPrimitives.Dot(centre, centre);                  // ‖μ‖²
            double t = -along + Math.Sqrt(Math.Max(0, (along * along) - squared + share));
            TensorPrimitives.MultiplyAdd(slice, (float)t, centre, slice);          // μ + t·u
        });

    /// <summary>
    /// The items a centre is estimated from: up to <paramref name="size"/> of <paramref name="items"/>, spread evenly
    /// over them (the files of a first run, or the rows of a grown index), so no one folder or run stands for the whole.
    /// </summary>
    public static IReadOnlyList<T> SampleOf<T>(IReadOnlyList<T> items, int size)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        int count = Math.Min(size, items.Count);
        return [.. Enumerable.Range(0, count).Select(i => items[(int)((long)i * items.Count / count)])];
    }

    /// <summary>A centred copy of <paramref name="rows"/>.</summary>
    public float[] Centred(ReadOnlySpan<float> rows)
    {
        float[] copy = rows.ToArray();
        Apply(copy);
        return copy;
    }

    /// <summary>Calls <paramref name="part"/> on each part's slice of every row, with the centre's slice and the part's share.</summary>
    private void EachPart(Span<float> rows, PartAction part)
    {
        if (rows.Length % mean.Length != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole {mean.Length}-wide rows.", nameof(rows));
        }

        int width = mean.Length / shares.Length;
        for (int start = 0; start < rows.Length; start += mean.Length)
        {
            for (int k = 0; k < shares.Length; k++)
            {
                part(rows.Slice(start + (k * width), width), mean.AsSpan(k * width, width), shares[k]);
            }
        }
    }

    private delegate void PartAction(Span<float> slice, ReadOnlySpan<float> centre, double share);
}
