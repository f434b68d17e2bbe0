using Itm.Model.ImageEncoders;
using Itm.Model.Tests.Onnx;
using static TorchSharp.torch;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>
/// resnet18attn reads the maps ResNet18's final pooling reads, and a new model pools them exactly as the network does;
/// once its scoring layer has moved, the pooling is the weighted sum a plain loop computes.
/// </summary>
[Collection(OnnxCollection.Name)]
public sealed class AttentionPoolEncoderTests : IClassFixture<ResNet18Fixture>, IDisposable
{
    private readonly ResNet18Fixture _models;
    private readonly SyntheticImages _images = new();

    public AttentionPoolEncoderTests(ResNet18Fixture models) => _models = models;

    public void Dispose() => _images.Dispose();

    [Fact]
    public void The_final_maps_are_the_last_blocks_output_under_their_own_name()
    {
        var featurizer = _models.FinalMaps;

        var block = Assert.IsType<ResNet18LastBlock>(featurizer.LastBlock);
        Assert.NotEqual(block.InputTensor, block.OutputTensor);
        Assert.Equal([512, 7, 7], featurizer.OutputShape);
        Assert.Equal("resnet18-final-maps", featurizer.Name);
        Assert.NotEqual(_models.BlockInput.Fingerprint, featurizer.Fingerprint);
        Assert.NotEqual(_models.Batched.Fingerprint, featurizer.Fingerprint);
    }

    [Fact]
    public void A_new_encoder_pools_the_maps_into_the_networks_own_pooled_features()
    {
        // Given 5 pictures, their pooled features and their final maps, both from ONNX Runtime
        var paths = _images.Write(5, seed: 21);
        var pooled = _models.Batched.Extract(paths, progress: null, CancellationToken.None);
        var maps = _models.FinalMaps.Extract(paths, progress: null, CancellationToken.None);

        // When a new attention-pooling encoder pools the maps
        using var encoder = new AttentionPoolEncoder(512, hiddenDim: 32, jointDim: 16, dropout: 0);
        using var input = tensor(maps.SelectMany(v => v).ToArray()).view(5, 512, 7, 7);
        using var features = encoder.PooledFeatures(input);
        var actual = features.data<float>().ToArray();

        // Then every cell weighs the same and it gives the network's pooled features to float noise
        var expected = pooled.SelectMany(v => v).ToArray();
        var maxDiff = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        var scale = expected.Max(Math.Abs);
        Assert.True(scale > 1f, $"Largest feature {scale}: the images gave next to no signal.");
        Assert.True(maxDiff < 1e-5f * scale, $"Max abs difference {maxDiff} at a feature scale of {scale}.");
    }

    [Fact]
    public void A_trained_scoring_layer_pools_as_a_plain_loop_computes()
    {
        // Given an encoder whose scoring layer is no longer zero, and random maps of 2 images, 6 channels, 3×3 cells
        manual_seed(5);
        using var encoder = new AttentionPoolEncoder(6, hiddenDim: 8, jointDim: 4, dropout: 0);
        var state = encoder.state_dict();
        using (no_grad())
        {
            state["score.weight"].copy_(randn(1, AttentionPoolEncoder.AttentionDim));
            state["score.bias"].fill_(0.3f);
        }

        using var maps = randn(2, 6, 3, 3);

        // When it pools them
        using var pooled = encoder.PooledFeatures(maps);
        using var weights = encoder.Weights(maps);

        // Then each image's weights and pooled vector are what the formula gives, cell by cell
        var k = state["key.weight"].data<float>().ToArray();          // [A, C]
        var kb = state["key.bias"].data<float>().ToArray();
        var w = state["score.weight"].data<float>().ToArray();
        var x = maps.data<float>().ToArray();                          // [B, C, 3, 3]
        const int C = 6, N = 9, A = AttentionPoolEncoder.AttentionDim;
        for (int b = 0; b < 2; b++)
        {
            var scores = new double[N];
            for (int n = 0; n < N; n++)
            {
                double s = 0.3;
                for (int a = 0; a < A; a++)
                {
                    double h = kb[a];
                    for (int c = 0; c < C; c++)
                    {
                        h += k[(a * C) + c] * x[(((b * C) + c) * N) + n];
                    }

                    s += w[a] * Math.Tanh(h);
                }

                scores[n] = s;
            }

            var max = scores.Max();
            var exp = scores.Select(s => Math.Exp(s - max)).ToArray();
            var softmax = exp.Select(e => e / exp.Sum()).ToArray();
            Assert.True(softmax.Max() > 2 * softmax.Min(), "The test's weights barely differ from an average.");
            for (int n = 0; n < N; n++)
            {
                Assert.Equal(softmax[n], weights[b, n].item<float>(), 1e-5);
            }

            for (int c = 0; c < C; c++)
            {
                double expected = Enumerable.Range(0, N).Sum(n => softmax[n] * x[(((b * C) + c) * N) + n]);
                Assert.Equal(expected, pooled[b, c].item<float>(), 1e-5);
            }
        }
    }

    [Fact]
    public void Training_reaches_the_scoring_layer_from_its_zero_start()
    {
        manual_seed(6);
        using var encoder = new AttentionPoolEncoder(6, hiddenDim: 8, jointDim: 4, dropout: 0);
        using var maps = randn(3, 6, 3, 3);

        using var output = encoder.Encode(maps);
        using var loss = output.pow(2).sum();
        loss.backward();

        var grad = encoder.named_parameters().Single(p => p.name == "score.weight").parameter.grad;
        Assert.NotNull(grad);
        Assert.True(grad.abs().max().item<float>() > 0f, "No gradient reaches the scoring layer.");
    }

    [Fact]
    public void Its_only_map_is_its_input()
    {
        using var encoder = new AttentionPoolEncoder(6, hiddenDim: 8, jointDim: 4, dropout: 0);
        using var maps = randn(2, 6, 3, 3);

        using var direct = encoder.Encode(maps);
        using var split = encoder.EncodeFromMaps(encoder.Maps(maps, 0), 0);

        Assert.Equal(1, encoder.MapLayers);
        Assert.True(direct.allclose(split));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Maps(maps, 1));
    }
}
