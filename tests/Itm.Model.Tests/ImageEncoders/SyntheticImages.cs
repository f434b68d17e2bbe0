using SkiaSharp;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>Small, distinct pictures written on the fly (coloured shapes on a coloured ground), and a temp folder for them.</summary>
internal sealed class SyntheticImages : IDisposable
{
    public SyntheticImages() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "itm-model-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="count"/> images, alternating PNG and JPEG and varying in size, and returns their paths.</summary>
    public IReadOnlyList<string> Write(int count, int seed = 1)
    {
        var random = new Random(seed);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (width, height) = (160 + random.Next(200), 160 + random.Next(200));
            using var bitmap = new SKBitmap(width, height);
            using (var canvas = new SKCanvas(bitmap))
            using (var paint = new SKPaint { IsAntialias = true })
            {
                canvas.Clear(RandomColor(random));
                for (var s = 0; s < 4; s++)
                {
                    paint.Color = RandomColor(random);
                    canvas.DrawCircle(random.Next(width), random.Next(height), 20 + random.Next(60), paint);
                }
            }

            var format = i % 2 == 0 ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
            var path = Path.Combine(Folder, $"img{seed}-{i:000}.{(format == SKEncodedImageFormat.Png ? "png" : "jpg")}");
            using var data = bitmap.Encode(format, 90);
            File.WriteAllBytes(path, data.ToArray());
            paths.Add(path);
        }

        return paths;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static SKColor RandomColor(Random random) => new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
