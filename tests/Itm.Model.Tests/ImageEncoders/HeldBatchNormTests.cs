using Itm.Model.ImageEncoders;
using static TorchSharp.torch;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>The ConvNet's batch norms run through <see cref="HeldBatchNorm"/>: it must stay TorchSharp's forward bit for bit.</summary>
[Collection("Sequential")]
public sealed class HeldBatchNormTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Normalize_is_the_module_forward_outputs_statistics_and_count(bool training)
    {
        // Given two identical norms with moved running statistics
        manual_seed(11);
        using var reference = nn.BatchNorm2d(3);
        using var held = nn.BatchNorm2d(3);
        using (no_grad())
        {
            reference.running_mean!.copy_(randn(3));
            reference.weight!.copy_(randn(3));
            held.load_state_dict(reference.state_dict());
        }

        reference.train(training);
        held.train(training);

        // When three batches go through each
        for (int batch = 0; batch < 3; batch++)
        {
            using var input = randn(4, 3, 5, 5) * (batch + 1);
            using var expected = reference.call(input);
            using var actual = held.Normalize(input);

            // Then outputs, running statistics and batch counts agree exactly
            Assert.True(Same(expected, actual), $"output of batch {batch}");
        }

        Assert.True(Same(reference.running_mean!, held.running_mean!));
        Assert.True(Same(reference.running_var!, held.running_var!));
        Assert.True(Same(reference.num_batches_tracked!, held.num_batches_tracked!));
        Assert.Equal(training ? 3 : 0, held.num_batches_tracked!.item<long>());
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
