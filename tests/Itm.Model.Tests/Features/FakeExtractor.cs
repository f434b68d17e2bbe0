using System.Text;
using Itm.Data.Images;
using Itm.Model.ImageEncoders;

namespace Itm.Model.Tests.Features;

/// <summary>
/// Stands in for a network: the "features" of a file are [length, first byte, last byte]. A file whose text starts
/// with "bad" is unreadable, as the real extractor reports it. Every call is recorded.
/// </summary>
internal sealed class FakeExtractor : IImageFeatureExtractor
{
    public string Name => "fake";

    public int Dimension => 3;

    public string Fingerprint { get; init; } = "fake-1";

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public float[][] Extract(IReadOnlyList<string> imagePaths, IProgress<FeatureProgress>? progress, CancellationToken cancellationToken)
    {
        Calls.Add([.. imagePaths]);
        var result = imagePaths.Select(path =>
        {
            var bytes = File.ReadAllBytes(path);
            if (Encoding.ASCII.GetString(bytes).StartsWith("bad", StringComparison.Ordinal))
            {
                throw new ImageLoadException(path, ImageLoadFailure.Corrupt, "the test says it is bad");
            }

            return new float[] { bytes.Length, bytes[0], bytes[^1] };
        }).ToArray();
        progress?.Report(new FeatureProgress(imagePaths.Count, imagePaths.Count));
        return result;
    }

    public static float[] Expected(string content) => [content.Length, content[0], content[^1]];
}

/// <summary>A folder of text "images" and a cache root, both deleted afterwards.</summary>
internal sealed class CacheScratch : IDisposable
{
    public CacheScratch() => Directory.CreateDirectory(Files);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "itm-feature-tests-" + Guid.NewGuid().ToString("N"));

    public string Files => Path.Combine(Root, "files");

    public string CacheRoot => Path.Combine(Root, "cache");

    public string Write(string name, string content)
    {
        var path = Path.Combine(Files, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
