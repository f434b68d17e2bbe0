using Itm.Data.Recipes;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.Features;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;
using Itm.Training.Jobs;

namespace Itm.Training.Tests;

/// <summary>
/// A model trained on an int8 pretrained network (ResNet18 for images, MiniLM for sentences) keeps that choice: its
/// manifest pins the int8 inputs, reloading it computes them the same way, and the ONNX export carries the int8 network.
/// </summary>
[Collection("Sequential")]
public sealed class Int8TrainJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-int8-train-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_model_trained_on_int8_image_features_records_them_and_computes_them_again_when_loaded()
    {
        // When one model trains on int8 features and one on float32 features
        var (int8Dir, floatDir) = TrainBoth(BagOfFeaturesSpec.TrigramSkip, (image, precision) => image with { Precision = precision }, (text, _) => text);

        // Then the int8 model's manifest names its inputs and precision, apart from the float model's
        var int8 = ModelFolder.ReadManifest(int8Dir);
        var float32 = ModelFolder.ReadManifest(floatDir);
        Assert.Equal(PretrainedPrecision.Int8, int8.Joint.Image.Precision);
        Assert.Equal("resnet18-int8", int8.ImageInput.Extractor);
        Assert.Equal("resnet18", float32.ImageInput.Extractor);
        Assert.NotEqual(float32.ImageInput.Fingerprint, int8.ImageInput.Fingerprint);
        Assert.Contains("\"precision\": \"int8\"", File.ReadAllText(Path.Combine(int8Dir, "model.json")));

        // And loading it back computes the same int8 inputs (the fingerprint check passes)
        using var source = ImageInputSource.ForModel(int8, Path.Combine(root, "cache"));
        Assert.Equal("resnet18-int8", source.Name);

        // And the ONNX export carries the quantised network into the image encoder
        var export = Export(int8Dir);
        Assert.Contains(export.Image.InGraph, step => step.Contains("int8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_trained_on_int8_minilm_vectors_records_them_and_encodes_its_queries_the_same_way()
    {
        // When one MiniLM model trains on int8 sentence vectors and one on float32 vectors
        var (int8Dir, floatDir) = TrainBoth(SentenceVectorMlpSpec.MiniLm, (image, _) => image, (text, precision) => text with { Precision = precision });

        // Then the manifests pin the precision and the sentence encoder's fingerprint
        var int8 = ModelFolder.ReadManifest(int8Dir);
        var float32 = ModelFolder.ReadManifest(floatDir);
        Assert.Equal(PretrainedPrecision.Int8, int8.Joint.Text.Precision);
        Assert.Equal(PretrainedPrecision.Float32, float32.Joint.Text.Precision);
        Assert.Matches("^minilm-int8-", int8.TextFeaturizerHash);
        Assert.Matches("^minilm-[0-9a-f]", float32.TextFeaturizerHash);

        // And the loaded model encodes its queries with int8 MiniLM (a float32 source would not pass the load's hash check)
        using (var loaded = ModelFolder.Load(int8Dir))
        {
            Assert.Equal(int8.TextFeaturizerHash, loaded.Text.Hash);
            Assert.Equal(16, loaded.EncodeSentences(["a red circle"]).Length);   // one row of the joint width
        }

        // And the ONNX export writes the int8 MiniLM beside the text encoder, and says so
        var export = Export(int8Dir);
        Assert.Equal("int8", export.Text.SentenceEncoder?.Precision);
        Assert.True(File.Exists(Path.Combine(root, "onnx", OnnxExport.Int8SentenceEncoderFile)));
    }

    private (string Int8Dir, string FloatDir) TrainBoth(
        TextEncoderSpec text,
        Func<ImageEncoderOptions, PretrainedPrecision, ImageEncoderOptions> image,
        Func<TextEncoderOptions, PretrainedPrecision, TextEncoderOptions> textOptions)
    {
        // Given 24 generated scenes
        var dataset = new SyntheticRecipe(new SyntheticOptions(
            Path.Combine(root, "data"), ImageCount: 24, ValCount: 4, TestCount: 4, ImageSize: 32, CaptionsPerImage: 2)).Run();
        string Train(PretrainedPrecision precision)
        {
            string outDir = Path.Combine(root, precision.ToString());
            TrainJob.Run(new TrainJobOptions
            {
                DatasetPath = dataset.DatasetPath,
                OutDir = outDir,
                CacheDir = Path.Combine(root, "cache"),
                Model = new JointEmbeddingOptions
                {
                    Dim = 16,
                    Text = textOptions(new TextEncoderOptions { Model = text, HiddenDim = 16 }, precision),
                    Image = image(new ImageEncoderOptions { HiddenDim = 16 }, precision),
                },
                Trainer = new TrainerOptions { Epochs = 1, BatchSize = 8 },
            });
            return outDir;
        }

        return (Train(PretrainedPrecision.Int8), Train(PretrainedPrecision.Float32));
    }

    private OnnxExportResult Export(string modelDir)
    {
        using var loaded = ModelFolder.Load(modelDir);
        return OnnxExport.Write(loaded, Path.Combine(root, "onnx"), new Itm.Model.ImageEncoders.ResNet18Options { CacheDirectory = Path.Combine(root, "cache") });
    }
}
