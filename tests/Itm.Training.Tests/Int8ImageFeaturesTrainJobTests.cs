using Itm.Model.Features;
using Itm.Data.Recipes;
using Itm.Model.Export;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextEncoders;
using Itm.Training.Jobs;

namespace Itm.Training.Tests;

/// <summary>A model trained on int8 ResNet18 features keeps that choice: its manifest pins the int8 inputs, and reloading it computes them the same way.</summary>
[Collection("Sequential")]
public sealed class Int8ImageFeaturesTrainJobTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-int8-train-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_model_trained_on_int8_features_records_them_and_computes_them_again_when_loaded()
    {
        // Given 24 generated scenes
        var dataset = new SyntheticRecipe(new SyntheticOptions(
            Path.Combine(root, "data"), ImageCount: 24, ValCount: 4, TestCount: 4, ImageSize: 32, CaptionsPerImage: 2)).Run();
        string cacheDir = Path.Combine(root, "cache");
        TrainJobOptions Options(string outDir, PretrainedPrecision precision) => new()
        {
            DatasetPath = dataset.DatasetPath,
            OutDir = outDir,
            CacheDir = cacheDir,
            Model = new JointEmbeddingOptions
            {
                Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new ImageEncoderOptions { HiddenDim = 16, Precision = precision },
            },
            Trainer = new TrainerOptions { Epochs = 1, BatchSize = 8 },
        };

        // When one model trains on int8 features and one on float32 features
        string int8Dir = Path.Combine(root, "int8");
        TrainJob.Run(Options(int8Dir, PretrainedPrecision.Int8));
        TrainJob.Run(Options(Path.Combine(root, "float32"), PretrainedPrecision.Float32));

        // Then the int8 model's manifest names its inputs and precision, apart from the float model's
        var int8 = ModelFolder.ReadManifest(int8Dir);
        var float32 = ModelFolder.ReadManifest(Path.Combine(root, "float32"));
        Assert.Equal(PretrainedPrecision.Int8, int8.Joint.Image.Precision);
        Assert.Equal("resnet18-int8", int8.ImageInput.Extractor);
        Assert.Equal("resnet18", float32.ImageInput.Extractor);
        Assert.NotEqual(float32.ImageInput.Fingerprint, int8.ImageInput.Fingerprint);
        Assert.Contains("\"precision\": \"int8\"", File.ReadAllText(Path.Combine(int8Dir, "model.json")));

        // And loading it back computes the same int8 inputs (the fingerprint check passes)
        using var source = ImageInputSource.ForModel(int8, cacheDir);
        Assert.Equal("resnet18-int8", source.Name);

        // And the ONNX export, which carries the float32 network, refuses it rather than export something else
        using var loaded = ModelFolder.Load(int8Dir);
        var error = Assert.Throws<ModelFolderException>(() => OnnxExport.Write(loaded, Path.Combine(root, "onnx")));
        Assert.Contains("--image-precision float32", error.Message);
    }
}
