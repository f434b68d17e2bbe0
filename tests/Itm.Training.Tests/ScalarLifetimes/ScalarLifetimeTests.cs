using Itm.Model.Losses;
using TorchSharp;

namespace Itm.Training.Tests.ScalarLifetimes;

/// <summary>
/// The libraries that train and serve make no Scalar that nothing holds during a libtorch call (the rule is on
/// <see cref="ScalarTemporaries"/>). Two long runs crashed on such a Scalar, freed mid-call ("Expected false to be true
/// ... toFloat", "INTERNAL ASSERT FAILED at Scalar.h:279"); the failure depends on collector timing, so no run-time
/// test finds it reliably, and this one reads the IL instead.
/// </summary>
public sealed class ScalarLifetimeTests
{
    // Scalars that live as long as the process are made here and nowhere else.
    private static readonly HashSet<string> Holders = ["Itm.Model.HeldScalars"];

    private static readonly ScalarTemporaries Scan = new(typeof(torch).Assembly.Location);

    [Fact]
    public void Model_and_training_hold_every_scalar_they_pass_to_libtorch()
    {
        var violations = new[] { typeof(RankingLoss).Assembly, typeof(Trainer).Assembly }
            .SelectMany(assembly => Scan.Violations(assembly.Location, Holders))
            .ToList();

        Assert.True(violations.Count == 0, $"{violations.Count} unheld Scalar(s):\n" + string.Join("\n", violations));
    }

    [Fact]
    public void Finds_an_optimizer_step_through_the_virtual_it_is_called_by()
    {
        // This test assembly steps TorchSharp's Adam as the reference of the FusedAdam tests.
        var violations = Scan.Violations(typeof(FusedAdamTests).Assembly.Location, Holders).ToList();

        Assert.Contains(violations, v => v.StartsWith("Itm.Training.Tests.FusedAdamTests.", StringComparison.Ordinal)
            && v.Contains("TorchSharp.Modules.Adam::step", StringComparison.Ordinal));
    }

    // TorchSharp dispatches a module's forward itself, out of the scan's sight; these are the ones the encoders run per batch.
    // BatchNorm is not among them: its training forward makes a Scalar, and the ConvNet runs it through HeldBatchNorm.
    [Theory]
    [InlineData("TorchSharp.Modules.Linear::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.Dropout::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.LayerNorm::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.Conv2d::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.ReLU::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.MaxPool2d::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.Embedding::forward(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.EmbeddingBag::forward(TorchSharp.torch+Tensor,TorchSharp.torch+Tensor,TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.GRU::forward(TorchSharp.torch+Tensor,TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.Modules.Sequential::forward(TorchSharp.torch+Tensor)")]
    public void The_module_forwards_run_per_batch_make_no_scalar(string method) => Assert.Null(Scan.LooseChain(method));

    [Fact]
    public void Finds_the_scalar_of_a_training_batch_norm() =>
        Assert.NotNull(Scan.LooseChain("TorchSharp.Modules.BatchNorm::forward(TorchSharp.torch+Tensor)"));

    // The scan is only as good as its reading of TorchSharp: these are the known cases either way.
    [Theory]
    [InlineData("TorchSharp.torch+Tensor::add(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.torch+Tensor::add_(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.torch+Tensor::op_Addition(TorchSharp.torch+Tensor,TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.torch+Tensor::op_Multiply(TorchSharp.torch+Tensor,Double)")]
    [InlineData("TorchSharp.torch+Tensor::op_Subtraction(Single,TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.torch+Tensor::op_Division(TorchSharp.torch+Tensor,Int32)")]
    public void Finds_the_temporaries_inside_TorchSharp(string method) => Assert.NotNull(Scan.LooseChain(method));

    [Theory]
    [InlineData("TorchSharp.torch+Tensor::add(TorchSharp.torch+Tensor,TorchSharp.Scalar)")]
    [InlineData("TorchSharp.torch+Tensor::sub(TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.torch+Tensor::op_Subtraction(TorchSharp.torch+Tensor,TorchSharp.torch+Tensor)")]
    [InlineData("TorchSharp.torch+Tensor::op_Multiply(TorchSharp.torch+Tensor,TorchSharp.Scalar)")]
    [InlineData("TorchSharp.torch+Tensor::matmul(TorchSharp.torch+Tensor)")]
    public void Passes_TorchSharp_methods_that_make_no_scalar(string method) => Assert.Null(Scan.LooseChain(method));
}
