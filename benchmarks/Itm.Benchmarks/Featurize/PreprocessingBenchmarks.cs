using BenchmarkDotNet.Attributes;
using Itm.Data.Images;
using SkiaSharp;

namespace Itm.Benchmarks.Featurize;

/// <summary>
/// The featurizer's per-image CPU work before the network: decoding a photo-sized JPEG or a small PNG stamp to the
/// 224×224 crop, and writing the crop as the BGR-minus-mean-image tensor.
/// </summary>
[MemoryDiagnoser]
public class PreprocessingBenchmarks
{
    private readonly ImageLoader loader = new();
    private byte[] jpeg = [];
    private byte[] png = [];
    private RgbImage crop = null!;
    private ChwNormalization normalization = null!;
    private float[] tensor = [];

    [GlobalSetup]
    public void Setup()
    {
        jpeg = Encode(800, 600, SKEncodedImageFormat.Jpeg, 90);
        png = Encode(96, 80, SKEncodedImageFormat.Png, 100);
        crop = loader.Load(jpeg, "photo.jpg");
        var random = new Random(1);
        normalization = new ChwNormalization
        {
            ChannelOrder = ChannelOrder.Bgr,
            MeanImage = Enumerable.Range(0, crop.ChwLength).Select(_ => (float)(random.NextDouble() * 255)).ToArray(),
        };
        tensor = new float[crop.ChwLength];
    }

    [Benchmark]
    public RgbImage DecodeJpeg800x600() => loader.Load(jpeg, "photo.jpg");

    [Benchmark]
    public RgbImage DecodePng96x80() => loader.Load(png, "stamp.png");

    [Benchmark]
    public float WriteChw224()
    {
        crop.WriteChw(tensor, normalization);
        return tensor[^1];
    }

    /// <summary>A smooth picture with some detail, so the codecs have photo-like work to do.</summary>
    private static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = bitmap.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = 4 * ((y * width) + x);
                pixels[i] = (byte)(128 + (100 * Math.Sin(x / 23.0)));
                pixels[i + 1] = (byte)(128 + (100 * Math.Cos(y / 17.0)));
                pixels[i + 2] = (byte)((x * y) % 251);
                pixels[i + 3] = 255;
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
