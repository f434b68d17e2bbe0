using Itm.Model.ImageEncoders;
using Itm.Model.Tests.Onnx;
using static TorchSharp.torch;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>
/// The fine-tuned ResNet18 channel starts where the frozen one is: the last block, read from the ONNX graph and
/// re-implemented in TorchSharp, turns the extracted block input into the network's own pooled features.
/// </summary>
[Collection(OnnxCollection.Name)]
public sealed class ResNet18LastBlockTests : IClassFixture<ResNet18Fixture>, IDisposable
{
    private readonly ResNet18Fixture _models;
    private readonly SyntheticImages _images = new();

    public ResNet18LastBlockTests(ResNet18Fixture models) => _models = models;

    public void Dispose() => _images.Dispose();

    [Fact]
    public void Should_Find_The_Last_Residual_Block_Of_The_Stock_Model_By_Its_Structure()
    {
        // Given the featurizer asked for the last block's input
        var featurizer = _models.BlockInput;

        // Then it found the block the CNTK export ends with, and returns its 512 × 7 × 7 input under its own name
        var block = Assert.IsType<ResNet18LastBlock>(featurizer.LastBlock);
        Assert.Equal("ReLU379_Output_0", block.InputTensor);
        Assert.Equal(512, block.Channels);
        Assert.Equal(7, block.PoolSize);
        Assert.Equal([512L, 512, 3, 3], block.Second.Weight.Dimensions);
        Assert.Equal(1e-5f, block.First.Norm.Epsilon, 1e-9f);
        Assert.Equal([512, 7, 7], featurizer.OutputShape);
        Assert.Equal(25_088, featurizer.Dimension);

        // and caches and manifests can never mistake it for the pooled features
        Assert.NotEqual(_models.Batched.Name, featurizer.Name);
        Assert.NotEqual(_models.Batched.Fingerprint, featurizer.Fingerprint);
        Assert.Null(_models.Batched.LastBlock);
    }

    [Fact]
    public void Should_Turn_The_Block_Input_Into_The_Networks_Own_Pooled_Features()
    {
        // Given 6 images, their pooled features and their block inputs, both from ONNX Runtime
        var paths = _images.Write(6, seed: 11);
        var pooled = _models.Batched.Extract(paths, progress: null, CancellationToken.None);
        var blockInputs = _models.BlockInput.Extract(paths, progress: null, CancellationToken.None);

        // When the TorchSharp block, initialised from the file, runs on the block inputs and pools
        using var encoder = new ResNet18LastBlockEncoder(512, hiddenDim: 32, jointDim: 16, dropout: 0, _models.BlockInput.LastBlock);
        using var input = tensor(blockInputs.SelectMany(v => v).ToArray()).view(6, 512, 7, 7);
        using var features = encoder.PooledFeatures(input);
        var actual = features.data<float>().ToArray();

        // Then it gives the network's pooled features to float noise: 3e-6 measured, on features up to ~10
        var expected = pooled.SelectMany(v => v).ToArray();
        var maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        var scale = expected.Max(Math.Abs);
        Assert.True(maxDiff < 1e-5f * scale, $"Max abs difference {maxDiff} at a feature scale of {scale}.");
        Assert.True(scale > 1f, $"Largest feature {scale}: the images gave next to no signal.");
    }

    [Fact]
    public void Should_Name_The_File_When_The_Graph_Does_Not_End_In_A_Residual_Block()
    {
        // Given a model that is a Reshape and an Add
        var error = Assert.Throws<InvalidDataException>(() => ResNet18LastBlock.Read(TinyOnnx.ReshapeThenAdd(), "tiny.onnx"));

        Assert.Contains("'tiny.onnx'", error.Message);
        Assert.Contains("residual block", error.Message);
    }
}
