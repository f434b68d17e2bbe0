namespace Itm.Model.Sampling;

/// <summary>
/// Draws random negatives from the whole training set (<see cref="NegativeKind.Random"/>): item indices whose
/// image is not one of the batch's images, so a drawn item is never a positive of any anchor.
/// </summary>
public sealed class RandomNegativePool
{
    private readonly long[] _imageIds;
    private readonly Dictionary<long, int> _itemsPerImage = [];

    /// <param name="itemImageIds">Per training item (a sentence, or an image): the id of the image it shows.</param>
    public RandomNegativePool(IReadOnlyList<long> itemImageIds)
    {
        ArgumentNullException.ThrowIfNull(itemImageIds);
        _imageIds = [.. itemImageIds];
        foreach (long id in _imageIds)
            _itemsPerImage[id] = _itemsPerImage.GetValueOrDefault(id) + 1;
    }

    /// <summary>Number of items in the pool.</summary>
    public int Count => _imageIds.Length;

    /// <summary>
    /// Returns <paramref name="k"/> distinct item indices whose image id is not in <paramref name="excludeImageIds"/>.
    /// The result depends only on the pool, the arguments and the state of <paramref name="rng"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Fewer than k items are left after the exclusion.</exception>
    public int[] Draw(Random rng, int k, IReadOnlySet<long> excludeImageIds)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(excludeImageIds);
        ArgumentOutOfRangeException.ThrowIfNegative(k);

        int excluded = 0;
        foreach (long id in excludeImageIds)
            excluded += _itemsPerImage.GetValueOrDefault(id);
        int eligible = _imageIds.Length - excluded;
        if (k > eligible)
        {
            throw new InvalidOperationException(
                $"Cannot draw {k} random negatives: only {eligible} of {_imageIds.Length} training items show an image outside the batch. Use a smaller K for random:K.");
        }

        // Rejection sampling costs O(k) when most of the pool is eligible (the usual case: a batch is a sliver of the
        // training set); when k is a large share of what is eligible, a partial shuffle of the eligible list is cheaper.
        return k * 2 <= eligible ? DrawByRejection(rng, k, excludeImageIds) : DrawByShuffle(rng, k, excludeImageIds, eligible);
    }

    private int[] DrawByRejection(Random rng, int k, IReadOnlySet<long> exclude)
    {
        var chosen = new HashSet<int>(k);
        int[] result = new int[k];
        int filled = 0;
        while (filled < k)
        {
            int item = rng.Next(_imageIds.Length);
            if (!exclude.Contains(_imageIds[item]) && chosen.Add(item))
                result[filled++] = item;
        }

        return result;
    }

    private int[] DrawByShuffle(Random rng, int k, IReadOnlySet<long> exclude, int eligible)
    {
        int[] candidates = new int[eligible];
        int n = 0;
        for (int item = 0; item < _imageIds.Length; item++)
        {
            if (!exclude.Contains(_imageIds[item]))
                candidates[n++] = item;
        }

        // Partial Fisher-Yates: the first k slots end up a uniform random k-subset in random order.
        for (int i = 0; i < k; i++)
        {
            int j = rng.Next(i, eligible);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        return candidates[..k];
    }
}
