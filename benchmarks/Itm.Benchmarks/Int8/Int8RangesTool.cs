using System.Globalization;
using System.Text.Json;
using Itm.Benchmarks.Common;
using Itm.Model.ImageEncoders;

namespace Itm.Benchmarks.Int8;

/// <summary>
/// Measures the activation ranges of the int8 ResNet18 (<see cref="ResNet18Int8Calibration"/>) on image folders and
/// writes them; how the shipped src/Itm.Model/ImageEncoders/resnet18.int8-ranges.json is made (see docs/search.md):
/// <c>int8-ranges --images DIR [--images DIR ...] [--limit N] [--min-bytes B] --out FILE</c>.
/// </summary>
public sealed class Int8RangesTool : IEndToEndBenchmark
{
    public string Name => "int8-ranges";

    public int Run(string[] args)
    {
        var folders = new List<string>();
        string? output = null;
        var limit = 300;
        var minBytes = 2048L;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--images": folders.Add(Value()); break;
                case "--out": output = Value(); break;
                case "--limit": limit = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--min-bytes": minBytes = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (folders.Count == 0 || output is null)
        {
            throw new ArgumentException("Usage: int8-ranges --images DIR [--images DIR ...] [--limit N per folder] [--min-bytes B] --out FILE");
        }

        var images = folders.SelectMany(f => ImageFolderSample.Take(f, limit, minBytes)).ToList();
        var source = string.Join("; ", folders.Select(f => $"{ImageFolderSample.Take(f, limit, minBytes).Count} files of at least {minBytes} bytes from {f}"));
        Console.Error.WriteLine($"Calibrating on {images.Count} images: {source}");
        var ranges = ResNet18Int8Calibration.Measure(images, new ResNet18Options(), source, new Progress<int>(n =>
        {
            if (n % 50 == 0)
            {
                Console.Error.WriteLine($"  {n}/{images.Count}");
            }
        }));
        ranges.Save(output);
        Console.WriteLine(JsonSerializer.Serialize(new { output, images = images.Count, tensors = ranges.Ranges.Count }));
        return 0;
    }
}
