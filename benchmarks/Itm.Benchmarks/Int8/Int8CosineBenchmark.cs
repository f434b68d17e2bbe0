using System.Globalization;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;

namespace Itm.Benchmarks.Int8;

/// <summary>
/// How close the int8 ResNet18's features are to the float network's on a folder of images: both featurizers as
/// `itm index` runs them, then the cosine per image; prints the median, the 10th percentile and the minimum:
/// <c>int8-cosine --images DIR [--limit N]</c>.
/// </summary>
public sealed class Int8CosineBenchmark : IEndToEndBenchmark
{
    public string Name => "int8-cosine";

    public int Run(string[] args)
    {
        string? folder = null;
        var limit = 500;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--images": folder = Value(); break;
                case "--limit": limit = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (folder is null)
        {
            throw new ArgumentException("Usage: int8-cosine --images DIR [--limit N]");
        }

        var images = ImageFolderSample.Take(folder, limit, minBytes: 0);
        var scratch = Path.Combine(Path.GetTempPath(), $"itm-int8-cosine-{Environment.ProcessId}");
        try
        {
            float[][] Features(PretrainedPrecision precision)
            {
                using var featurizer = new ResNet18Featurizer(new ResNet18Options { Precision = precision, CacheDirectory = scratch });
                return featurizer.Extract(images, progress: null, CancellationToken.None);
            }

            var reference = Features(PretrainedPrecision.Float32);
            var quantised = Features(PretrainedPrecision.Int8);
            var cosines = reference.Zip(quantised, Cosine).Order().ToArray();
            var result = new
            {
                folder,
                images = images.Count,
                median = cosines[cosines.Length / 2],
                p10 = cosines[cosines.Length / 10],
                min = cosines[0],
            };
            Console.WriteLine(JsonSerializer.Serialize(result));
            return 0;
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
