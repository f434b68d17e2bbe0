using Itm.Data.Images;
using Itm.Model.ImageEncoders;

namespace Itm.Model.Tests.ImageEncoders;

public sealed class ImagePreprocessingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "itm-prep-tests-" + Guid.NewGuid().ToString("N"));

    public ImagePreprocessingTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Should_Read_The_Shipped_ResNet18_Sidecar()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "models", "resnet18", "resnet18.preprocess.json");

        var preprocessing = ImagePreprocessing.Load(path);

        Assert.Equal(224, preprocessing.Size);
        Assert.Equal(ResizeMode.ShorterSideCenterCrop, preprocessing.Resize);
        Assert.Equal(ChannelOrder.Bgr, preprocessing.ChannelOrder);
        Assert.Equal(1f, preprocessing.Scale);
        Assert.Equal(new MeanImageReference("ResNetPreprocess.onnx", "MeanImage"), preprocessing.MeanImage);
        Assert.Null(preprocessing.Mean);
        Assert.Null(preprocessing.Std);
    }

    [Fact]
    public void Should_Apply_Per_Channel_Mean_And_Std_From_A_Torchvision_Style_Sidecar()
    {
        // Given the preprocessing of a torchvision model: RGB, /255, ImageNet mean and std
        var path = Write("""{ "size": 2, "channelOrder": "Rgb", "scale": 0.00392156863, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225] }""");
        var normalization = ImagePreprocessing.Load(path).ToNormalization(_folder);

        // When a white 2x2 image is converted
        var chw = new RgbImage(2, 2, Enumerable.Repeat((byte)255, 12).ToArray()).ToChw(normalization);

        // Then each plane is (1 - mean) / std
        Assert.Equal((1 - 0.485f) / 0.229f, chw[0], precision: 4);
        Assert.Equal((1 - 0.406f) / 0.225f, chw[11], precision: 4);
    }

    [Theory]
    [InlineData("""{ "size": 224, "channelOrder": "Bgr", "colour": 1 }""", "colour")]
    [InlineData("""{ "size": 224, "channelOrder": "Purple" }""", "channelOrder")]
    [InlineData("""{ "channelOrder": "Bgr" }""", "size")]
    [InlineData("""{ "size": 224, "channelOrder": "Bgr", "mean": [1, 2] }""", "mean")]
    [InlineData("""{ "size": 224, "channelOrder": "Bgr", "std": [1, 0, 1] }""", "std")]
    public void Should_Reject_A_Bad_Sidecar_Naming_The_File_And_Field(string json, string field)
    {
        var path = Write(json);

        var error = Assert.Throws<InvalidDataException>(() => ImagePreprocessing.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(field, error.Message);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }
}
