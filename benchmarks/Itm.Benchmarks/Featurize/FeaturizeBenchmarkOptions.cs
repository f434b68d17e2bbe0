using System.Globalization;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;

namespace Itm.Benchmarks.Featurize;

/// <summary>Which code path the featurize benchmark times.</summary>
public enum FeaturizePath
{
    /// <summary>What `itm index` runs: file hashing, feature-cache lookups (all misses) and writes around the featurizer.</summary>
    Cached,

    /// <summary><see cref="ResNet18Featurizer.Extract"/> alone: decode, resize, network.</summary>
    Direct,

    /// <summary>Decode + resize only, on the decoder threads, nothing else: the pipeline's first stage by itself.</summary>
    DecodeOnly,

    /// <summary>The network only, on images decoded beforehand (untimed): the pipeline's second stage by itself.</summary>
    NetworkOnly,
}

/// <summary>Command-line options of <see cref="FeaturizeBenchmark"/>.</summary>
public sealed record FeaturizeBenchmarkOptions
{
    /// <summary>Folder of .png/.jpg files, featurised in name order.</summary>
    public required string Images { get; init; }

    public FeaturizePath Path { get; init; } = FeaturizePath.Cached;

    /// <summary>Null keeps <see cref="ResNet18Options"/>' default, so the benchmark measures what users get.</summary>
    public int? BatchSize { get; init; }

    public int? IntraOpThreads { get; init; }

    public int? DecoderThreads { get; init; }

    public bool? IntraOpSpinning { get; init; }

    /// <summary>Timed passes over the folder, each with a fresh cache; the JSON reports each and their median.</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>At most this many files (0: all).</summary>
    public int Limit { get; init; }

    /// <summary>The network's arithmetic (<c>--precision float32|int8</c>).</summary>
    public PretrainedPrecision Precision { get; init; } = PretrainedPrecision.Float32;

    public static FeaturizeBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        string? images = null;
        var options = new FeaturizeBenchmarkOptions { Images = "" };
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--images": images = Value(); break;
                case "--path": options = options with { Path = Enum.Parse<FeaturizePath>(Value(), ignoreCase: true) }; break;
                case "--batch": options = options with { BatchSize = Number() }; break;
                case "--intra-threads": options = options with { IntraOpThreads = Number() }; break;
                case "--decoders": options = options with { DecoderThreads = Number() }; break;
                case "--spinning": options = options with { IntraOpSpinning = bool.Parse(Value()) }; break;
                case "--rounds": options = options with { Rounds = Number() }; break;
                case "--limit": options = options with { Limit = Number() }; break;
                case "--precision": options = options with { Precision = Enum.Parse<PretrainedPrecision>(Value(), ignoreCase: true) }; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (string.IsNullOrEmpty(images) || !Directory.Exists(images))
        {
            throw new ArgumentException("--images FOLDER (an existing folder of .png/.jpg files) is required.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Rounds, 1, "--rounds");
        return options with { Images = images };
    }

    /// <summary>The featurizer's options: defaults, overridden only where asked.</summary>
    public ResNet18Options ToResNet18Options(string cacheDirectory)
    {
        var defaults = new ResNet18Options();
        return defaults with
        {
            BatchSize = BatchSize ?? defaults.BatchSize,
            IntraOpThreads = IntraOpThreads ?? defaults.IntraOpThreads,
            DecoderThreads = DecoderThreads ?? defaults.DecoderThreads,
            IntraOpSpinning = IntraOpSpinning ?? defaults.IntraOpSpinning,
            CacheDirectory = cacheDirectory,
            Precision = Precision,
        };
    }
}
