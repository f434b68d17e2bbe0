using Itm.Data.Images;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.Tests.Onnx;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Itm.Model.Tests.ImageEncoders;

[Collection(OnnxCollection.Name)]
public sealed class ResNet18FeaturizerTests : IClassFixture<ResNet18Fixture>, IDisposable
{
    private readonly ResNet18Fixture _models;
    private readonly SyntheticImages _images = new();

    public ResNet18FeaturizerTests(ResNet18Fixture models) => _models = models;

    public void Dispose() => _images.Dispose();

    [Fact]
    public void Should_Give_The_Same_Features_At_Batch_16_As_The_Stock_Model_At_Batch_1()
    {
        // Given 18 images: one full batch of 16 and a partial batch of 2
        var paths = _images.Write(18);

        // When both models extract them
        var batched = _models.Batched.Extract(paths, progress: null, CancellationToken.None);
        var single = _models.Single.Extract(paths, progress: null, CancellationToken.None);

        // Then every vector agrees to within float noise, and the vectors are not trivially equal to each other
        var maxDiff = batched.Zip(single, (a, b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
        Assert.True(maxDiff < 1e-3f, $"Max abs difference {maxDiff}.");
        Assert.All(batched, v => Assert.Equal(512, v.Length));
        Assert.NotEqual(batched[0], batched[1]);
    }

    [Fact]
    public void Should_Give_The_Same_Features_Whether_Or_Not_The_Threads_Spin()
    {
        // Given a featurizer whose intra-op threads spin (ONNX Runtime's default) beside the fixture's, which sleep
        var paths = _images.Write(5, seed: 9);
        using var spinning = new ResNet18Featurizer(_models.Batched.Options with { IntraOpSpinning = true });
        Assert.False(_models.Batched.Options.IntraOpSpinning);

        // When both extract the same images
        var expected = spinning.Extract(paths, progress: null, CancellationToken.None);
        var actual = _models.Batched.Extract(paths, progress: null, CancellationToken.None);

        // Then the vectors are identical to the bit, so one fingerprint (and one cache entry) serves both
        Assert.Equal(spinning.Fingerprint, _models.Batched.Fingerprint);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Should_Preprocess_Exactly_As_The_Prep_Model_Computes()
    {
        // Given a decoded image as the RGB planar 0-255 tensor the prep model takes
        var image = new ImageLoader().Load(_images.Write(1, seed: 5)[0]);
        var rgb = image.ToChw(new ChwNormalization());

        // When the prep model (Split RGB -> Concat BGR -> Sub MeanImage) runs on it
        using var prep = new InferenceSession(Path.Combine(_models.Batched.Options.ModelDirectory, "ResNetPreprocess.onnx"));
        using var input = OrtValue.CreateTensorValueFromMemory(rgb, [1, 3, 224, 224]);
        using var runOptions = new RunOptions();
        using var outputs = prep.Run(runOptions, ["OriginalInput"], [input], ["PreprocessedInput"]);
        var expected = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        // Then the sidecar-driven normalization gives the same tensor
        var actual = image.ToChw(_models.Batched.Normalization);
        var maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(maxDiff < 1e-4f, $"Max abs difference {maxDiff}.");
    }

    [Fact]
    public void Should_Return_Features_In_Input_Order_Though_Decoding_Runs_In_Parallel()
    {
        // Given 20 images of varied size, so the two decoders finish out of order
        var paths = _images.Write(20, seed: 2);
        var loader = new ImageLoader();

        // When extracted through the pipeline, and featurized one known image at a time
        var piped = _models.Batched.Extract(paths, progress: null, CancellationToken.None);
        var direct = paths.Select(p => _models.Batched.Featurize([loader.Load(p)])[0]).ToArray();

        // Then entry i is image i's features
        for (var i = 0; i < paths.Count; i++)
        {
            var maxDiff = piped[i].Zip(direct[i], (a, b) => Math.Abs(a - b)).Max();
            Assert.True(maxDiff < 1e-3f, $"Image {i}: max abs difference {maxDiff}.");
        }
    }

    [Fact]
    public void Should_Report_Progress_Per_Batch_Up_To_The_Total()
    {
        var paths = _images.Write(18, seed: 3);
        var reports = new List<FeatureProgress>();

        _models.Batched.Extract(paths, new SynchronousProgress(reports.Add), CancellationToken.None);

        Assert.Equal([new FeatureProgress(16, 18), new FeatureProgress(18, 18)], reports);
    }

    [Fact]
    public void Should_Name_The_Unreadable_Image()
    {
        var paths = _images.Write(5, seed: 4).ToList();
        paths.Insert(3, _images.WriteBytes("broken.jpg", "definitely not a JPEG"u8.ToArray()));

        var error = Assert.Throws<ImageLoadException>(() => _models.Batched.Extract(paths, progress: null, CancellationToken.None));

        Assert.EndsWith("broken.jpg", error.Path);
        Assert.Contains("broken.jpg", error.Message);
    }

    [Fact]
    public void Should_Stop_When_Cancelled()
    {
        var paths = _images.Write(4, seed: 6);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => _models.Batched.Extract(paths, progress: null, cancelled.Token));
    }

    [Fact]
    public void Should_Cache_Real_Features_And_Skip_A_Broken_Image()
    {
        // Given three images, the middle one broken, behind a feature cache that skips unreadable files
        var paths = _images.Write(2, seed: 7).ToList();
        paths.Insert(1, _images.WriteBytes("truncated.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
        var cached = new CachedFeatureExtractor(_models.Batched, new FeatureCache(_models.CacheRoot), new CachedFeatureExtractorOptions { SkipUnreadable = true });

        // When extracted twice
        var first = cached.Extract(paths);
        var second = cached.Extract(paths);

        // Then the broken one is skipped both times, the others are computed once and read back identically
        Assert.Null(first.Features[1]);
        Assert.Equal(paths[1], Assert.Single(first.Unreadable).Path);
        Assert.Equal((0, 2), (first.CacheHits, first.Extracted));
        Assert.Equal((2, 0), (second.CacheHits, second.Extracted));
        Assert.Equal(first.Features[0], second.Features[0]);
        Assert.Equal(first.Features[2], second.Features[2]);
    }

    [Fact]
    public void Should_Describe_Itself_From_The_Model_And_Sidecar()
    {
        var model = _models.Batched;

        Assert.Equal("resnet18", model.Name);
        Assert.Equal(512, model.Dimension);
        Assert.Matches("^resnet18-[0-9a-f]{16}$", model.Fingerprint);
        Assert.Equal(_models.Single.Fingerprint, model.Fingerprint);   // batching changes speed, not the features
        Assert.Equal(224, model.Preprocessing.Size);
        Assert.Equal(ChannelOrder.Bgr, model.Preprocessing.ChannelOrder);
        Assert.Equal(1f, model.Preprocessing.Scale);
        Assert.Null(model.Preprocessing.Std);
        var batchCopies = Directory.GetFiles(Path.Combine(_models.CacheRoot, "models"), "*-batch.onnx").Select(Path.GetFileName);
        var block = _models.BlockInput.LastBlock!;
        Assert.Single(batchCopies, name => !name!.Contains(block.InputTensor, StringComparison.Ordinal) && !name.Contains(block.OutputTensor, StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Show_The_Network_The_Whole_Of_A_Wide_Picture_With_Contain_And_Its_Centre_Without_A_Fit()
    {
        // Given a 3:1 picture in red, green and blue thirds, and a featurizer that contains pictures beside the
        // fixture's, which names no fit
        var path = _images.WriteBytes("thirds.png", ThirdsPng(300, 100));
        using var contain = new ResNet18Featurizer(_models.Batched.Options with { Fit = ImageFit.Contain });
        using var crop = new ResNet18Featurizer(_models.Batched.Options with { Fit = ImageFit.CropCenter });

        // When each decodes it for the network
        var cropped = _models.Batched.Decode(path);
        var contained = contain.Decode(path);

        // Then without a fit the published centre crop sees the green third only, while contain sees all three thirds
        // on a white square (the picture's 75 rows in the middle)
        Assert.Equal((224, 224), (contained.Width, contained.Height));
        Assert.Equal((0, 255, 0), ((int, int, int))cropped.GetPixel(5, 112));
        Assert.Equal((0, 255, 0), ((int, int, int))cropped.GetPixel(218, 112));
        Assert.Equal((255, 0, 0), ((int, int, int))contained.GetPixel(5, 112));
        Assert.Equal((0, 255, 0), ((int, int, int))contained.GetPixel(112, 112));
        Assert.Equal((0, 0, 255), ((int, int, int))contained.GetPixel(218, 112));
        Assert.Equal((255, 255, 255), ((int, int, int))contained.GetPixel(112, 20));

        // And the features and fingerprints differ, so the cache never mixes them, while naming the crop changes nothing
        Assert.NotEqual(_models.Batched.Extract([path], null, CancellationToken.None)[0], contain.Extract([path], null, CancellationToken.None)[0]);
        Assert.NotEqual(_models.Batched.Fingerprint, contain.Fingerprint);
        Assert.Equal(_models.Batched.Fingerprint, crop.Fingerprint);
        Assert.Equal(ResizeMode.LongerSideContain, contain.Preprocessing.Resize);
    }

    [Fact]
    public void Should_Average_A_Pictures_Features_With_Its_Mirror_Images_With_Flipped_Views()
    {
        // Given 5 pictures, a featurizer of flipped views beside the fixture's, and the pictures mirrored by hand
        var paths = _images.Write(5, seed: 31);
        using var flip = new ResNet18Featurizer(_models.Batched.Options with { Views = ImageViews.Flip, BatchSize = 4 });
        var mirrored = paths.Select(p => _models.Batched.Decode(p).Mirrored()).ToList();

        // When it extracts the files and featurizes the decoded pictures
        var extracted = flip.Extract(paths, progress: null, CancellationToken.None);
        var featurized = flip.Featurize([.. paths.Select(flip.Decode)]);

        // Then both give the mean of the picture's features and its mirror image's, which differ
        var plain = _models.Batched.Extract(paths, progress: null, CancellationToken.None);
        var ofMirrors = _models.Batched.Featurize(mirrored);
        for (var k = 0; k < paths.Count; k++)
        {
            var expected = plain[k].Zip(ofMirrors[k], (a, b) => 0.5f * (a + b)).ToArray();
            Assert.True(MaxDifference(expected, extracted[k]) < 1e-4f, $"Picture {k}: extracted {MaxDifference(expected, extracted[k])}.");
            Assert.True(MaxDifference(expected, featurized[k]) < 1e-4f, $"Picture {k}: featurized {MaxDifference(expected, featurized[k])}.");
            Assert.True(MaxDifference(plain[k], ofMirrors[k]) > 1e-2f, $"Picture {k} looks the same mirrored.");
        }

        // And the cache never mixes them with one view's
        Assert.NotEqual(_models.Batched.Fingerprint, flip.Fingerprint);
        Assert.Equal(_models.Batched.Name, flip.Name);
    }

    [Fact]
    public void Should_Put_A_Pictures_Features_Beside_The_Mean_Of_Its_Quarters_At_Two_Scales()
    {
        // Given 5 pictures and a featurizer of two scales beside the fixture's one view
        var paths = _images.Write(5, seed: 37);
        using var scales = new ResNet18Featurizer(_models.Batched.Options with { Views = ImageViews.Scales, BatchSize = 4 });
        var size = _models.Batched.Preprocessing.Size;

        // When it extracts the files and featurizes the pictures it decodes (at twice the network's input)
        var extracted = scales.Extract(paths, progress: null, CancellationToken.None);
        var decoded = paths.Select(scales.Decode).ToList();
        var featurized = scales.Featurize(decoded);

        // Then both give the half-size picture's features, then the mean of its four quarters', each quarter run alone
        Assert.Equal(2 * size, scales.DecodedSize);
        Assert.Equal(1024, scales.Dimension);
        for (var k = 0; k < paths.Count; k++)
        {
            var big = decoded[k];
            var whole = _models.Batched.Featurize([big.Halved()])[0];
            var quarters = _models.Batched.Featurize([.. Enumerable.Range(0, 4).Select(q => big.Cropped(q % 2 * size, q / 2 * size, size, size))]);
            float[] expected = [.. whole, .. Enumerable.Range(0, 512).Select(i => quarters.Average(f => f[i]))];
            Assert.True(MaxDifference(expected, extracted[k]) < 1e-4f, $"Picture {k}: extracted {MaxDifference(expected, extracted[k])}.");
            Assert.True(MaxDifference(expected, featurized[k]) < 1e-4f, $"Picture {k}: featurized {MaxDifference(expected, featurized[k])}.");
            Assert.True(MaxDifference(whole, quarters[0]) > 1e-2f, $"Picture {k}: a quarter looks like the whole.");
        }

        // And a picture of the network's own size is refused, naming the size it takes
        var error = Assert.Throws<ArgumentException>(() => scales.Featurize([_models.Batched.Decode(paths[0])]));
        Assert.Contains($"{2 * size}x{2 * size}", error.Message);
        Assert.NotEqual(_models.Batched.Fingerprint, scales.Fingerprint);
    }

    [Fact]
    public void Should_Refuse_Flipped_Views_Of_Maps()
    {
        var options = _models.Batched.Options with { Views = ImageViews.Flip, Output = ResNet18Output.FinalMaps };

        var error = Assert.Throws<NotSupportedException>(options.Validate);

        Assert.Contains("pooled features only", error.Message);
    }

    private static float MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Fact]
    public void Should_Explain_A_Missing_Model_Folder()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new ResNet18Featurizer(new ResNet18Options { ModelDirectory = _images.Folder }));

        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", error.Message);
    }

    /// <summary>A PNG of three equal vertical bands, red, green and blue from left to right.</summary>
    private static byte[] ThirdsPng(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            SKColor[] colours = [SKColors.Red, new SKColor(0, 255, 0), SKColors.Blue];
            for (var band = 0; band < 3; band++)
            {
                paint.Color = colours[band];
                canvas.DrawRect(band * width / 3, 0, width / 3, height, paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Calls back on the reporting thread, so the list is complete when Extract returns.</summary>
    private sealed class SynchronousProgress(Action<FeatureProgress> report) : IProgress<FeatureProgress>
    {
        public void Report(FeatureProgress value) => report(value);
    }
}
