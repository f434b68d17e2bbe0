using Itm.Data.Images;
using Itm.Model.ImageEncoders;

namespace Itm.Model.Features;

/// <summary>How <see cref="CachedFeatureExtractor"/> treats misses and unreadable images.</summary>
public sealed record CachedFeatureExtractorOptions
{
    /// <summary>
    /// True: an image that cannot be read gets a null entry and is listed in <see cref="FeatureExtractionResult.Unreadable"/>.
    /// False: the <see cref="ImageLoadException"/> naming it propagates.
    /// </summary>
    public bool SkipUnreadable { get; init; }

    /// <summary>
    /// Misses are extracted and stored this many at a time: a killed run keeps every finished chunk, and with
    /// <see cref="SkipUnreadable"/> a bad image costs at most one chunk of rework.
    /// </summary>
    public int ChunkSize { get; init; } = 128;

    /// <summary>Threads hashing files before lookup (I/O and SHA-256 bound).</summary>
    public int HashThreads { get; init; } = Environment.ProcessorCount;
}

/// <summary>What a cached extraction produced.</summary>
/// <param name="Features">One entry per input path, in input order; null only for unreadable images when skipping.</param>
/// <param name="CacheHits">Input paths served from the cache.</param>
/// <param name="Extracted">Distinct images run through the extractor (identical files are extracted once).</param>
/// <param name="Unreadable">The images skipped, each naming its file and reason.</param>
public sealed record FeatureExtractionResult(
    IReadOnlyList<float[]?> Features, int CacheHits, int Extracted, IReadOnlyList<ImageLoadException> Unreadable);

/// <summary>
/// Puts a <see cref="FeatureCache"/> in front of an <see cref="IImageFeatureExtractor"/>: each file is hashed, hits are
/// read back, only the misses are extracted (in batches, by the wrapped extractor) and stored, and everything is
/// returned in the order asked for.
/// </summary>
public sealed class CachedFeatureExtractor
{
    private readonly IImageFeatureExtractor _extractor;
    private readonly FeatureCache _cache;

    public CachedFeatureExtractor(IImageFeatureExtractor extractor, FeatureCache cache, CachedFeatureExtractorOptions? options = null)
    {
        _extractor = extractor ?? throw new ArgumentNullException(nameof(extractor));
        _cache = cache ?? throw new ArgumentNullException(nameof(cache));
        Options = options ?? new CachedFeatureExtractorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.ChunkSize, 1, nameof(Options.ChunkSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.HashThreads, 1, nameof(Options.HashThreads));
    }

    public CachedFeatureExtractorOptions Options { get; }

    public FeatureExtractionResult Extract(
        IReadOnlyList<string> imagePaths, IProgress<FeatureProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        var total = imagePaths.Count;
        var features = new float[]?[total];
        var unreadable = new ImageLoadException?[total];
        var hashes = HashAll(imagePaths, unreadable, cancellationToken);

        // Group by content: a hit or an extraction serves every path with the same bytes.
        var byHash = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < total; i++)
        {
            if (hashes[i] is { } hash)
            {
                (byHash.TryGetValue(hash, out var list) ? list : byHash[hash] = []).Add(i);
            }
        }

        var hits = 0;
        var misses = new List<string>();
        foreach (var (hash, indices) in byHash)
        {
            if (_cache.TryGet(hash, _extractor.Fingerprint, _extractor.Dimension) is { } vector)
            {
                foreach (var i in indices)
                {
                    features[i] = vector;
                }

                hits += indices.Count;
            }
            else
            {
                misses.Add(hash);
            }
        }

        var skipped = unreadable.Count(e => e is not null);
        var done = hits + skipped;
        progress?.Report(new FeatureProgress(done, total, hits, skipped));
        var extracted = 0;

        // Misses in input order, so a run that is interrupted and restarted makes steady progress through the list.
        misses.Sort((a, b) => byHash[a][0].CompareTo(byHash[b][0]));
        for (var start = 0; start < misses.Count; start += Options.ChunkSize)
        {
            var chunk = misses.GetRange(start, Math.Min(Options.ChunkSize, misses.Count - start));
            while (chunk.Count > 0)
            {
                var paths = chunk.Select(h => imagePaths[byHash[h][0]]).ToList();
                var before = done;
                var inner = progress is null ? null : new Relay(p => progress.Report(new FeatureProgress(before + p.Completed, total, hits, skipped)));
                float[][] vectors;
                try
                {
                    vectors = _extractor.Extract(paths, inner, cancellationToken);
                }
                catch (ImageLoadException e) when (Options.SkipUnreadable && paths.IndexOf(e.Path) is var bad && bad >= 0)
                {
                    // Set the bad image aside and redo the rest of the chunk; everything already cached stays cached.
                    foreach (var i in byHash[chunk[bad]])
                    {
                        unreadable[i] = imagePaths[i] == e.Path ? e : new ImageLoadException(imagePaths[i], e.Failure, e.Reason, e);
                        skipped++;
                        done++;
                    }

                    chunk.RemoveAt(bad);
                    continue;
                }

                for (var k = 0; k < chunk.Count; k++)
                {
                    if (vectors[k].Length != _extractor.Dimension)
                    {
                        throw new InvalidOperationException(
                            $"Extractor '{_extractor.Name}' returned {vectors[k].Length} values for '{paths[k]}'; it declares {_extractor.Dimension}.");
                    }

                    _cache.Put(chunk[k], _extractor.Fingerprint, vectors[k]);
                    foreach (var i in byHash[chunk[k]])
                    {
                        features[i] = vectors[k];
                        done++;
                    }
                }

                extracted += chunk.Count;
                progress?.Report(new FeatureProgress(done, total, hits, skipped));
                break;
            }
        }

        return new FeatureExtractionResult(features, hits, extracted, [.. unreadable.OfType<ImageLoadException>()]);
    }

    /// <summary>SHA-256 of every file; a file that cannot be opened is unreadable (skipped or thrown, per the options).</summary>
    private string?[] HashAll(IReadOnlyList<string> imagePaths, ImageLoadException?[] unreadable, CancellationToken cancellationToken)
    {
        var hashes = new string?[imagePaths.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.HashThreads, CancellationToken = cancellationToken };
        Parallel.For(0, imagePaths.Count, parallel, i =>
        {
            var path = imagePaths[i];
            try
            {
                hashes[i] = FeatureCache.HashFile(path);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                unreadable[i] = new ImageLoadException(path, ImageLoadFailure.Missing, "the file does not exist", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable[i] = new ImageLoadException(path, ImageLoadFailure.Unreadable, $"it could not be read ({e.Message})", e);
            }
        });

        // Report the first bad path in input order, whichever thread found it.
        if (!Options.SkipUnreadable && unreadable.FirstOrDefault(e => e is not null) is { } first)
        {
            throw first;
        }

        return hashes;
    }

    /// <summary>Forwards inner progress synchronously (Progress&lt;T&gt; would post it to a thread pool, out of order).</summary>
    private sealed class Relay(Action<FeatureProgress> report) : IProgress<FeatureProgress>
    {
        public void Report(FeatureProgress value) => report(value);
    }
}
