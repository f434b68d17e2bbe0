using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Itm.Data.Images;
using Itm.Model.ImageEncoders;

namespace Itm.Model.ImageInputs;

/// <summary>
/// The input of a CNN trained from scratch: the image decoded and put on an <c>S × S</c> square (centre-cropped or
/// contained, see <see cref="ImageFit"/>), as planar RGB scaled to [-1, 1]. It is an "extractor" like ResNet18's so the same
/// disk cache serves both (decoding SVGs and JPEGs is most of the cost of an epoch otherwise).
/// </summary>
public sealed class PixelExtractor : IDecodedImageFeaturizer
{
    private static readonly ChwNormalization PixelNormalization = new()
    {
        ChannelOrder = ChannelOrder.Rgb,
        Scale = 1f / 255f,
        Mean = [0.5f, 0.5f, 0.5f],
        Std = [0.5f, 0.5f, 0.5f],
    };

    private readonly ImageLoader loader;

    public PixelExtractor(int size, ImageFit fit = ImageFit.CropCenter)
    {
        Size = size;
        loader = new ImageLoader(new ImageLoadOptions { TargetSize = size, Fit = fit });

        // The centre crop came first and adds nothing, so the fingerprints of its caches and models stay as they were.
        var fitted = fit == ImageFit.CropCenter ? "" : $"|fit={fit}";
        Fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"pixels|{size}|{ImageLoader.PipelineVersion}|rgb|scale=1/255|mean=0.5|std=0.5{fitted}"))).ToLowerInvariant();
    }

    public int Size { get; }

    public string Name => $"pixels{Size}";

    public int Dimension => 3 * Size * Size;

    public string Fingerprint { get; }

    /// <summary>Planar RGB scaled to [-1, 1].</summary>
    public ChwNormalization Normalization => PixelNormalization;

    public RgbImage Decode(string path) => loader.Load(path);

    public float[][] Featurize(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var bad = images.FirstOrDefault(image => image.Width != Size || image.Height != Size);
        if (bad is not null)
        {
            throw new ArgumentException($"An image is {bad.Width}x{bad.Height}; the network takes {Size}x{Size}.", nameof(images));
        }

        return [.. images.Select(image => image.ToChw(Normalization))];
    }

    public float[][] Extract(IReadOnlyList<string> imagePaths, IProgress<FeatureProgress>? progress, CancellationToken cancellationToken)
    {
        var result = new float[imagePaths.Count][];
        int done = 0;
        ImageLoadException? failure = null;
        Parallel.For(0, imagePaths.Count, new ParallelOptions { CancellationToken = cancellationToken }, (i, loop) =>
        {
            try
            {
                result[i] = Decode(imagePaths[i]).ToChw(Normalization);
            }
            catch (ImageLoadException e)
            {
                // Surface the image's own error (naming the file), not an AggregateException: callers skip by file.
                Interlocked.CompareExchange(ref failure, e, null);
                loop.Stop();
                return;
            }

            int completed = Interlocked.Increment(ref done);
            if (completed % 64 == 0 || completed == imagePaths.Count)
            {
                progress?.Report(new FeatureProgress(completed, imagePaths.Count));
            }
        });
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return result;
    }
}
