using Itm.Data.Images;
using Itm.Model.ImageInputs;
using SkiaSharp;

namespace Itm.Model.Tests.ImageInputs;

public sealed class PixelExtractorTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("itm-pixels-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_tall_picture_is_contained_whole_or_cropped_to_its_middle_and_the_crop_keeps_its_old_fingerprint()
    {
        // Given a 1:2 picture, black above and white below
        var path = Path.Combine(folder, "tall.png");
        using (var bitmap = new SKBitmap(40, 80))
        {
            using (var canvas = new SKCanvas(bitmap))
            using (var paint = new SKPaint { Color = SKColors.Black })
            {
                canvas.Clear(SKColors.White);
                canvas.DrawRect(0, 0, 40, 40, paint);
            }

            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }

        var crop = new PixelExtractor(16);
        var contain = new PixelExtractor(16, ImageFit.Contain);

        // When each decodes it
        var cropped = crop.Decode(path);
        var contained = contain.Decode(path);

        // Then the crop sees the middle square (black above its centre, white below) and contain sees the whole height
        // in the middle columns, on white at the sides
        Assert.Equal((0, 0, 0), ((int, int, int))cropped.GetPixel(0, 2));
        Assert.Equal((255, 255, 255), ((int, int, int))cropped.GetPixel(0, 13));
        Assert.Equal((0, 0, 0), ((int, int, int))contained.GetPixel(8, 1));
        Assert.Equal((255, 255, 255), ((int, int, int))contained.GetPixel(1, 1));

        // And the fingerprint of the crop is the one every cache and model had before fits existed
        Assert.Equal(new PixelExtractor(16, ImageFit.CropCenter).Fingerprint, crop.Fingerprint);
        Assert.Equal("9594435c1ccbe561", crop.Fingerprint[..16]);
        Assert.NotEqual(crop.Fingerprint, contain.Fingerprint);
    }
}
