using Itm.Data.Images;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using static TorchSharp.torch;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>
/// Quarters dropout: while training, a two-scale picture's quarters' features are replaced by its whole picture's at the
/// rate asked, each picture on its own; out of training the features are read as they are.
/// </summary>
public sealed class FeatureMlpEncoderTests
{
    private const int Half = 6;

    [Fact]
    public void At_rate_one_training_reads_every_picture_as_its_whole_view_twice()
    {
        // Given random two-scale features of 4 pictures, and the same features with the quarters' half set to the whole's
        manual_seed(3);
        using var features = randn(4, 2 * Half);
        using var wholeTwice = cat([features.narrow(1, 0, Half), features.narrow(1, 0, Half)], 1);
        using var encoder = new FeatureMlpEncoder(2 * Half, hiddenDim: 8, jointDim: 5, dropout: 0, quartersDropout: 1);

        // When it encodes them training, and out of training
        encoder.train();
        using var trained = encoder.Encode(features);
        encoder.eval();
        using var evaluated = encoder.Encode(features);
        using var expectedTrained = encoder.Encode(wholeTwice);

        // Then training read the whole view twice, and evaluation the features as given
        Assert.True(trained.allclose(expectedTrained, rtol: 0, atol: 1e-6));
        Assert.False(evaluated.allclose(expectedTrained, rtol: 0, atol: 1e-3));
    }

    [Fact]
    public void At_rate_zero_training_reads_the_features_as_given()
    {
        manual_seed(4);
        using var features = randn(4, 2 * Half);
        using var encoder = new FeatureMlpEncoder(2 * Half, hiddenDim: 8, jointDim: 5, dropout: 0, quartersDropout: 0);

        encoder.train();
        using var trained = encoder.Encode(features);
        encoder.eval();
        using var evaluated = encoder.Encode(features);

        Assert.True(trained.allclose(evaluated, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void At_rate_one_half_about_half_the_pictures_lose_their_quarters_each_one_whole()
    {
        // Given 2,000 pictures whose whole and quarters' features differ everywhere
        manual_seed(5);
        const int count = 2000;
        using var whole = rand(count, Half) + 1;
        using var quarters = -rand(count, Half) - 1;
        using var features = cat([whole, quarters], 1);
        using var encoder = new FeatureMlpEncoder(2 * Half, hiddenDim: 8, jointDim: 5, dropout: 0, quartersDropout: 0.5);

        // When the encoder drops quarters from them
        using var read = encoder.QuartersDropped(features);

        // Then each picture's second half is either all its quarters' or all its whole's, the latter for about half of them
        using var secondHalf = read.narrow(1, Half, Half);
        using var fromWhole = secondHalf.eq(whole).all(1);
        using var fromQuarters = secondHalf.eq(quarters).all(1);
        Assert.True((fromWhole | fromQuarters).all().item<bool>(), "A picture mixed its whole and its quarters' features.");
        long dropped = fromWhole.sum().item<long>();
        Assert.InRange(dropped, 900, 1100);
        Assert.True(read.narrow(1, 0, Half).eq(whole).all().item<bool>(), "The whole picture's half changed.");
    }

    [Fact]
    public void Quarters_dropout_is_refused_out_of_range_and_without_two_scales()
    {
        var scales = new ImageEncoderOptions { Views = ImageViews.Scales, QuartersDropout = 0.5 };
        FeatureMlpSpec.CheckQuartersDropout(scales);

        var oneView = Assert.Throws<ArgumentException>(() => FeatureMlpSpec.CheckQuartersDropout(scales with { Views = ImageViews.One }));
        Assert.Contains("--image-views scales", oneView.Message);
        Assert.Throws<ArgumentException>(() => FeatureMlpSpec.CheckQuartersDropout(scales with { QuartersDropout = 1.5 }));
        Assert.Throws<ArgumentException>(() => FeatureMlpSpec.CheckQuartersDropout(scales with { QuartersDropout = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureMlpEncoder(7, hiddenDim: 4, jointDim: 2, dropout: 0, quartersDropout: 0.5));
    }
}
