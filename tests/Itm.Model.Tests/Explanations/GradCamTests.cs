using Itm.Model.Explanations;
using Itm.Model.JointEmbedding;
using TorchSharp;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;
using Itm.Model.ImageEncoders;
using Itm.Model.Catalog;

namespace Itm.Model.Tests.Explanations;

/// <summary>
/// Grad-CAM against its definition computed the plain way: the score's slope for every entry of the maps by central
/// finite differences (in double precision, the perturbed maps run through the rest of the image encoder's forward),
/// each channel's mean slope weighing its map, and the sum cut at zero. On both encoders that have maps, at several
/// layers, with an annotation prior added to the image side as search adds it.
/// </summary>
[Collection("Sequential")]
public sealed class GradCamTests
{
    private const int Dim = 8;

    public static TheoryData<ImageEncoderSpec, int> Layers => new()
    {
        { ConvNetSpec.ConvNet, 0 },
        { ConvNetSpec.ConvNet, 1 },
        { ConvNetSpec.ConvNet, 2 },
        { ResNet18TuneSpec.ResNet18Tune, 0 },
        { ResNet18TuneSpec.ResNet18Tune, 1 },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Splitting_the_forward_at_the_maps_gives_exactly_what_encode_gives(ImageEncoderSpec kind, int layer)
    {
        using var scope = NewDisposeScope();
        using var model = Model(kind, dropout: 0);
        model.eval();
        using var noGrad = no_grad();
        var images = Input(kind, batch: 3, seed: 1);

        var split = model.EncodeImagesFromMaps(model.ImageMaps(images, layer), layer);

        Assert.True(split.eq(model.EncodeImages(images)).all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(Layers))]
    public void The_map_is_the_maps_weighted_by_their_mean_finite_difference_slope_cut_at_zero(ImageEncoderSpec kind, int layer)
    {
        // Given a model in double precision, an image and a sentence vector
        using var scope = NewDisposeScope();
        using var model = Model(kind, dropout: 0);
        model.to(float64);
        var image = Input(kind, batch: 1, seed: 2).to(float64);
        float[] query = Query(seed: 3);

        // When the Grad-CAM is computed, and also the plain way for q and for -q
        var cam = GradCam.Compute(model, image, query, layer);
        var negated = GradCam.Compute(model, image, [.. query.Select(v => -v)], layer);
        double[] weighted = NaiveWeightedSum(model, image, query, layer);

        // Then each cell is relu of the weighted sum, for q and (the sum negated) for -q: zero wherever relu cuts
        Assert.Equal(weighted.Length, cam.Rows * cam.Cols);
        for (int i = 0; i < weighted.Length; i++)
        {
            double scale = Math.Max(1e-3, weighted.Max(Math.Abs));
            Assert.True(Math.Abs(Math.Max(weighted[i], 0) - cam.Values[i]) < 1e-4 * scale, $"cell {i}: finite differences {weighted[i]}, Grad-CAM {cam.Values[i]}");
            Assert.True(Math.Abs(Math.Max(-weighted[i], 0) - negated.Values[i]) < 1e-4 * scale, $"cell {i}, -q: finite differences {-weighted[i]}, Grad-CAM {negated.Values[i]}");
            Assert.Equal(0, Math.Min(cam.Values[i], negated.Values[i]));
        }

        // And the score is the image vector's dot product with q
        using var noGrad = no_grad();
        double score = (model.EncodeImages(image)[0] * tensor(query).to(float64)).sum().item<double>();
        Assert.Equal(score, cam.Score, 1e-5);
    }

    [Fact]
    public void A_map_more_than_one_cell_wide_has_cells_that_relu_cuts_for_q_or_for_minus_q()
    {
        using var scope = NewDisposeScope();
        using var model = Model(ConvNetSpec.ConvNet, dropout: 0);
        var image = Input(ConvNetSpec.ConvNet, batch: 1, seed: 4);
        float[] query = Query(seed: 5);

        var cam = GradCam.Compute(model, image, query, layer: 2);
        var negated = GradCam.Compute(model, image, [.. query.Select(v => -v)], layer: 2);

        Assert.Equal((4, 4), (cam.Rows, cam.Cols));
        Assert.Contains(cam.Values, v => v > 0);
        Assert.Contains(negated.Values, v => v > 0);
        Assert.All(cam.Values.Zip(negated.Values), pair => Assert.Equal(0, Math.Min(pair.First, pair.Second)));
    }

    [Fact]
    public void It_runs_in_evaluation_mode_and_leaves_the_mode_and_the_parameters_as_they_were()
    {
        // Given a model with dropout, in training mode
        using var scope = NewDisposeScope();
        using var model = Model(ConvNetSpec.ConvNet, dropout: 0.5);
        model.train();
        var before = model.parameters().Select(p => p.detach().clone()).ToList();
        var image = Input(ConvNetSpec.ConvNet, batch: 1, seed: 6);
        float[] query = Query(seed: 7);

        // When Grad-CAM is computed twice
        var first = GradCam.Compute(model, image, query, layer: 1);
        var second = GradCam.Compute(model, image, query, layer: 1);

        // Then dropout was off (the same map twice), the mode is training again, and no parameter moved or got a gradient
        Assert.Equal(first.Values, second.Values);
        Assert.True(model.training);
        Assert.All(model.parameters().Zip(before), pair =>
        {
            Assert.True(pair.First.grad is null || !pair.First.grad.IsInvalid && pair.First.grad.count_nonzero().item<long>() == 0);
            Assert.True(pair.First.eq(pair.Second).all().item<bool>());
        });
    }

    public static TheoryData<ImageEncoderSpec, int, int> DefaultLayers() => new()
    {
        { ConvNetSpec.ConvNet, 3, 8 },              // Maps 1, 2, 4 and 8 wide: the deepest at least 7 is the first block's.
        { ResNet18TuneSpec.ResNet18Tune, 0, 4 },    // Both 4 wide, none 7: the deepest of the largest, the block's output.
    };

    [Theory]
    [MemberData(nameof(DefaultLayers))]
    public void Without_a_layer_the_deepest_map_at_least_seven_wide_is_weighed_else_the_deepest_largest(ImageEncoderSpec kind, int layer, int side)
    {
        using var scope = NewDisposeScope();
        using var model = Model(kind, dropout: 0);
        var image = Input(kind, batch: 1, seed: 10);
        float[] query = Query(seed: 11);

        var chosen = GradCam.Compute(model, image, query);

        Assert.Equal((layer, side, side), (chosen.Layer, chosen.Rows, chosen.Cols));
        Assert.Equal(GradCam.Compute(model, image, query, layer).Values, chosen.Values);
    }

    [Fact]
    public void An_encoder_over_pooled_features_has_no_maps()
    {
        using var model = JointEmbeddingFactory.Create(Options(FeatureMlpSpec.ResNet18, 0), 12, [16]);

        Assert.Equal(0, model.ImageMapLayers);
        Assert.Throws<NotSupportedException>(() => GradCam.Compute(model, zeros(1, 16), Query(seed: 8)));
    }

    [Fact]
    public void A_layer_the_encoder_does_not_have_is_refused()
    {
        using var model = Model(ConvNetSpec.ConvNet, dropout: 0);

        Assert.Equal(4, model.ImageMapLayers);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradCam.Compute(model, Input(ConvNetSpec.ConvNet, 1, 9), Query(seed: 9), layer: 4));
    }

    /// <summary>Σ_c α_c A_c with α_c the mean over the map of ∂s/∂A_c by central differences, row-major <c>[h·w]</c>.</summary>
    private static double[] NaiveWeightedSum(JointEmbeddingModel model, Tensor image, float[] query, int layer)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        const double Step = 1e-6;
        var maps = model.ImageMaps(image, layer)[0];                    // [C, h, w]
        int channels = (int)maps.shape[0], rows = (int)maps.shape[1], cols = (int)maps.shape[2], cells = rows * cols;
        var q = tensor(query).to(float64);
        var flat = maps.flatten();
        int entries = (int)flat.shape[0];
        var slopes = new double[entries];
        for (int first = 0; first < entries; first += 256)
        {
            int count = Math.Min(256, entries - first);
            var step = zeros(count, entries, dtype: float64);
            for (int k = 0; k < count; k++)
            {
                step[k, first + k] = tensor(Step, dtype: float64);
            }

            Tensor Scores(Tensor perturbed) =>
                (model.EncodeImagesFromMaps(perturbed.view(count, channels, rows, cols), layer) * q).sum(1);   // [count]
            var slope = (Scores(flat + step) - Scores(flat - step)) / (2 * Step);
            slope.data<double>().ToArray().CopyTo(slopes, first);
        }

        var values = flat.data<double>().ToArray();
        var weighted = new double[cells];
        for (int c = 0; c < channels; c++)
        {
            double alpha = Enumerable.Range(0, cells).Average(i => slopes[(c * cells) + i]);
            for (int i = 0; i < cells; i++)
            {
                weighted[i] += alpha * values[(c * cells) + i];
            }
        }

        return weighted;
    }

    /// <summary>A 16-pixel ConvNet (maps 1, 2, 4 and 8 cells wide) or a fine-tuned block on 6 channels of 4 × 4, with a random annotation prior.</summary>
    private static JointEmbeddingModel Model(ImageEncoderSpec kind, double dropout)
    {
        manual_seed(17);
        var model = JointEmbeddingFactory.Create(Options(kind, dropout), 12, Shape(kind));
        using var noGrad = no_grad();
        model.state_dict()["prior"].copy_(randn(Dim) * 0.3);
        foreach (var (name, buffer) in model.named_buffers().Where(b => b.name.EndsWith("running_mean", StringComparison.Ordinal)))
        {
            buffer.copy_(randn(buffer.shape) * 0.1);   // Eval-mode normalisation that isn't the identity.
        }

        return model;
    }

    private static JointEmbeddingOptions Options(ImageEncoderSpec kind, double dropout) => new()
    {
        Dim = Dim,
        Prior = QueryPrior.Annotate,
        Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 8 },
        Image = new ImageEncoderOptions { Model = kind, PixelSize = 16, HiddenDim = 12, Dropout = dropout },
    };

    private static int[] Shape(ImageEncoderSpec kind) => kind == ConvNetSpec.ConvNet ? [3, 16, 16] : [6, 4, 4];

    private static Tensor Input(ImageEncoderSpec kind, int batch, int seed) =>
        randn([batch, .. Shape(kind).Select(d => (long)d)], generator: new Generator((ulong)seed));

    private static float[] Query(int seed)
    {
        var q = nn.functional.normalize(randn([Dim], generator: new Generator((ulong)seed)), dim: 0);
        return q.data<float>().ToArray();
    }
}
