using System.Globalization;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Itm.Benchmarks.Common;
using Itm.Data.Images;
using SkiaSharp;

namespace Itm.Benchmarks.Duplicates;

/// <summary>
/// Writes the duplicate benchmark's image set (benchmarks/duplicates/run.sh): drawings rendered on white, each
/// "family" an original and five copies of it, and drawings that appear once. Families and singles alternate between a
/// validation half (the threshold is chosen there) and a test half (the figures are reported there), each its own folder.
/// A family's files are <c>fNNNN-KIND.ext</c>, a single's <c>dNNNN.png</c>, so the truth is in the names.
/// Copies: <c>resized</c> (to 40–60 %), <c>jpeg</c> (quality 40–70), <c>small-jpeg</c> (half size, quality 75),
/// <c>crop</c> (5–10 % of the width and of the height cut, split at random between the sides), <c>recolour</c> (hue
/// turned 30–150°, saturation × 0.7–1.3). Sources are taken in a seeded random order, one per file-name family and
/// content, and none that looks like one taken before (OpenClipart holds many near-identical drawings under other names:
/// series of geometric patterns, the same figure in two files): a source whose 16 × 16 grey thumbnail, centred and
/// normalised, has a cosine of 0.9 or more with an earlier one's is left out, so the set has no other duplicates than
/// the ones it makes.
/// Folders named after the seed (relative to SVG_ROOT) are left out whole: run.sh leaves out OpenClipart's
/// <c>shapes/stars</c>, 1,378 star polygons generated at every number of points and step (<c>star_98pt47step.svg</c>),
/// one design at many settings, any two of which a person would call the same.
/// Usage: <c>duplicates-set SVG_ROOT OUT_DIR [FAMILIES 300] [SINGLES 900] [SEED 7] [LEAVE_OUT_FOLDER ...]</c>.
/// </summary>
public sealed partial class DuplicateSetBenchmark : IEndToEndBenchmark
{
    private const int Size = 512;

    /// <summary>Thumbnail cosine from which two sources count as the same drawing.</summary>
    private const float LookAlike = 0.9f;

    private const int ThumbnailSide = 16;

    private static readonly ImageLoader Loader = new(new ImageLoadOptions { TargetSize = Size, Fit = ImageFit.Contain });

    public string Name => "duplicates-set";

    public int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: duplicates-set SVG_ROOT OUT_DIR [FAMILIES] [SINGLES] [SEED] [LEAVE_OUT_FOLDER ...]");
            return 2;
        }

        string root = args[0];
        string output = args[1];
        int families = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
        int singles = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 900;
        var random = new Random(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 7);

        var leftOut = args.Skip(5).Select(folder => Path.GetFullPath(Path.Combine(root, folder)) + Path.DirectorySeparatorChar).ToArray();
        var sources = Directory.EnumerateFiles(root, "*.svg", SearchOption.AllDirectories)
            .Where(path => !leftOut.Any(folder => Path.GetFullPath(path).StartsWith(folder, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        random.Shuffle(sources);
        var familiesSeen = new HashSet<string>(StringComparer.Ordinal);
        var contentsSeen = new HashSet<string>(StringComparer.Ordinal);
        var looks = new List<float[]>();
        int madeFamilies = 0, madeSingles = 0, skipped = 0, lookAlikes = 0;
        foreach (string source in sources)
        {
            if (madeFamilies == families && madeSingles == singles)
            {
                break;
            }

            byte[] bytes = File.ReadAllBytes(source);
            if (!familiesSeen.Add(FamilyOf(source)) || !contentsSeen.Add(Convert.ToHexString(SHA256.HashData(bytes))))
            {
                continue;
            }

            using var original = RenderOrNull(bytes, source);
            if (original is null)
            {
                skipped++;
                continue;
            }

            float[] look = Thumbnail(original);
            if (looks.Any(other => TensorPrimitives.Dot(other, look) >= LookAlike))
            {
                lookAlikes++;
                continue;
            }

            looks.Add(look);

            bool family = madeFamilies < families && (madeSingles == singles || random.Next(4) == 0);
            int number = family ? madeFamilies++ : madeSingles++;
            string half = Path.Combine(output, number % 2 == 0 ? "val" : "test");
            Directory.CreateDirectory(half);
            if (family)
            {
                WriteFamily(half, string.Create(CultureInfo.InvariantCulture, $"f{number:D4}"), original, random);
            }
            else
            {
                Save(original, Path.Combine(half, string.Create(CultureInfo.InvariantCulture, $"d{number:D4}.png")), SKEncodedImageFormat.Png, 100);
            }
        }

        Console.Error.WriteLine(
            $"duplicates-set: {madeFamilies} families of 6, {madeSingles} singles in {output} ({skipped} drawings blank or unreadable, {lookAlikes} like an earlier one, left out)");
        Console.WriteLine(JsonSerializer.Serialize(new { families = madeFamilies, singles = madeSingles, skipped, lookAlikes }));
        return madeFamilies == families && madeSingles == singles ? 0 : 1;
    }

    /// <summary>"Foo_2.svg" and "foo-3.svg" are one family: the name lower-cased without one trailing number.</summary>
    private static string FamilyOf(string path) => TrailingNumber().Replace(Path.GetFileNameWithoutExtension(path).ToLowerInvariant(), "");

    /// <summary>The drawing on a white square, or null when it can't be drawn or leaves the square (nearly) blank.</summary>
    private static SKBitmap? RenderOrNull(byte[] svg, string name)
    {
        RgbImage image;
        try
        {
            image = Loader.Load(svg, name);
        }
        catch (ImageLoadException)
        {
            return null;
        }

        int inked = 0;
        for (int i = 0; i < image.Pixels.Length; i += 3)
        {
            inked += image.Pixels[i] + image.Pixels[i + 1] + image.Pixels[i + 2] < 3 * 240 ? 1 : 0;
        }

        return inked * 50 >= Size * Size ? image.ToBitmap() : null;
    }

    /// <summary>The drawing as a <see cref="ThumbnailSide"/>² grey thumbnail, centred and scaled to unit length.</summary>
    private static float[] Thumbnail(SKBitmap bitmap)
    {
        using var small = bitmap.Resize(new SKImageInfo(ThumbnailSide, ThumbnailSide), new SKSamplingOptions(SKFilterMode.Linear));
        var grey = new float[ThumbnailSide * ThumbnailSide];
        for (int i = 0; i < grey.Length; i++)
        {
            var pixel = small.GetPixel(i % ThumbnailSide, i / ThumbnailSide);
            grey[i] = (0.299f * pixel.Red) + (0.587f * pixel.Green) + (0.114f * pixel.Blue);
        }

        TensorPrimitives.Subtract(grey, TensorPrimitives.Average(grey), grey);
        float norm = TensorPrimitives.Norm(grey);
        if (norm > 0)
        {
            TensorPrimitives.Divide(grey, norm, grey);
        }

        return grey;
    }

    private static void WriteFamily(string folder, string stem, SKBitmap original, Random random)
    {
        string Path(string kind, string extension) => System.IO.Path.Combine(folder, $"{stem}-{kind}.{extension}");
        Save(original, Path("original", "png"), SKEncodedImageFormat.Png, 100);
        using (var resized = Resized(original, 0.4 + (0.2 * random.NextDouble())))
        {
            Save(resized, Path("resized", "png"), SKEncodedImageFormat.Png, 100);
        }

        Save(original, Path("jpeg", "jpg"), SKEncodedImageFormat.Jpeg, random.Next(40, 71));
        using (var small = Resized(original, 0.5))
        {
            Save(small, Path("small-jpeg", "jpg"), SKEncodedImageFormat.Jpeg, 75);
        }

        using (var cropped = Cropped(original, random))
        {
            Save(cropped, Path("crop", "png"), SKEncodedImageFormat.Png, 100);
        }

        using var recoloured = Recoloured(original, 30 + (120 * random.NextDouble()), 0.7 + (0.6 * random.NextDouble()));
        Save(recoloured, Path("recolour", "png"), SKEncodedImageFormat.Png, 100);
    }

    private static SKBitmap Resized(SKBitmap bitmap, double scale)
    {
        int side = (int)Math.Round(bitmap.Width * scale);
        return bitmap.Resize(new SKImageInfo(side, side), new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    /// <summary>5–10 % of the width and of the height cut off, split at random between the two sides.</summary>
    private static SKBitmap Cropped(SKBitmap bitmap, Random random)
    {
        int cutX = (int)(bitmap.Width * (0.05 + (0.05 * random.NextDouble())));
        int cutY = (int)(bitmap.Height * (0.05 + (0.05 * random.NextDouble())));
        int left = random.Next(cutX + 1);
        int top = random.Next(cutY + 1);
        var cropped = new SKBitmap(bitmap.Width - cutX, bitmap.Height - cutY);
        bitmap.ExtractSubset(cropped, new SKRectI(left, top, left + cropped.Width, top + cropped.Height));
        return cropped.Copy();
    }

    /// <summary>
    /// The hue turned by <paramref name="degrees"/> (the usual luminance-preserving hue matrix), after the saturation is
    /// scaled by <paramref name="saturation"/> (towards or away from the luminance).
    /// </summary>
    private static SKBitmap Recoloured(SKBitmap bitmap, double degrees, double saturation)
    {
        double c = Math.Cos(degrees * Math.PI / 180), s = Math.Sin(degrees * Math.PI / 180);
        double[] luma = [0.213, 0.715, 0.072];
        double[,] hue =
        {
            { luma[0] + (c * (1 - luma[0])) - (s * luma[0]), luma[1] - (c * luma[1]) - (s * luma[1]), luma[2] - (c * luma[2]) + (s * (1 - luma[2])) },
            { luma[0] - (c * luma[0]) + (s * 0.143), luma[1] + (c * (1 - luma[1])) + (s * 0.140), luma[2] - (c * luma[2]) - (s * 0.283) },
            { luma[0] - (c * luma[0]) - (s * (1 - luma[0])), luma[1] - (c * luma[1]) + (s * luma[1]), luma[2] + (c * (1 - luma[2])) + (s * luma[2]) },
        };
        var matrix = new float[20];
        for (int row = 0; row < 3; row++)
        {
            for (int column = 0; column < 3; column++)
            {
                double sum = 0;
                for (int k = 0; k < 3; k++)
                {
                    sum += hue[row, k] * (((1 - saturation) * luma[column]) + (k == column ? saturation : 0));
                }

                matrix[(row * 5) + column] = (float)sum;
            }
        }

        matrix[18] = 1;
        var result = new SKBitmap(bitmap.Width, bitmap.Height);
        using var canvas = new SKCanvas(result);
        using var paint = new SKPaint { ColorFilter = SKColorFilter.CreateColorMatrix(matrix) };
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, paint);
        return result;
    }

    private static void Save(SKBitmap bitmap, string path, SKEncodedImageFormat format, int quality)
    {
        using var data = bitmap.Encode(format, quality);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    [GeneratedRegex(@"[-_ ]?\d+$")]
    private static partial Regex TrailingNumber();
}
