namespace Itm.Model.ImageEncoders;

/// <summary>Progress of a feature extraction, reported after each batch.</summary>
/// <param name="Completed">Images done (extracted, taken from the cache, or skipped).</param>
/// <param name="Total">Images asked for.</param>
/// <param name="CacheHits">Of <paramref name="Completed"/>, how many came from a feature cache.</param>
/// <param name="Unreadable">Of <paramref name="Completed"/>, how many were skipped as unreadable.</param>
public sealed record FeatureProgress(int Completed, int Total, int CacheHits = 0, int Unreadable = 0);

/// <summary>
/// A frozen image network used as a feature extractor: image files in, one fixed-length vector each out.
/// The trained part of itm (the projection into the joint space) sits on top of these vectors.
/// </summary>
public interface IImageFeatureExtractor
{
    /// <summary>Short registry name, such as "resnet18".</summary>
    string Name { get; }

    /// <summary>Length of every vector <see cref="Extract"/> returns.</summary>
    int Dimension { get; }

    /// <summary>
    /// Changes whenever the vectors for the same image could change: a hash of the weights file, the preprocessing
    /// and the image pipeline version. Feature caches and model manifests key on it.
    /// </summary>
    string Fingerprint { get; }

    /// <summary>
    /// One vector per path, in the order given. Throws <see cref="Itm.Data.Images.ImageLoadException"/> naming the
    /// first image that cannot be read (wrap in <see cref="Features.CachedFeatureExtractor"/> to skip them instead).
    /// </summary>
    float[][] Extract(IReadOnlyList<string> imagePaths, IProgress<FeatureProgress>? progress, CancellationToken cancellationToken);
}
