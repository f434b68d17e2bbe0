using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Training.Tests;

/// <summary>
/// <see cref="FusedAdam.ClipAndStep"/> against the unfused reference it replaces, libtorch's <c>clip_grad_norm_</c>
/// followed by TorchSharp's <see cref="Adam.step"/>: the same parameters and moments up to the last bit of a few elements
/// (libtorch's square root is not always correctly rounded, the fused one is; short tails round without fused multiply-add).
/// </summary>
[Collection("Sequential")]
public sealed class FusedAdamTests
{
    // A scalar-sized tensor, one with a tail after the last full vector, and one large enough to be split over threads.
    private static readonly long[][] Shapes = [[37], [300, 7], [70_001]];

    [Theory]
    [InlineData(1000.0, 0.0, 1)]    // clipping inactive (factor 1), no weight decay
    [InlineData(0.5, 0.0, 1)]       // clipping active
    [InlineData(0.5, 0.01, 1)]      // clipping and L2 weight decay
    [InlineData(2.0, 0.0, 2)]       // two parameter groups with their own learning rates
    public void Matches_clip_grad_norm_then_adam_step_exactly(double maxNorm, double weightDecay, int groups)
    {
        manual_seed(5);
        var reference = Shapes.Select(shape => new Parameter(randn(shape))).ToList();
        var fused = reference.Select(p => new Parameter(p.detach().clone())).ToList();
        using var referenceAdam = Optimizer(reference, weightDecay, groups);
        using var fusedAdam = Optimizer(fused, weightDecay, groups);

        for (int step = 0; step < 5; step++)
        {
            for (int i = 0; i < reference.Count; i++)
            {
                using var grad = randn(reference[i].shape) * (step + 1);
                reference[i].grad = grad.clone();
                fused[i].grad = grad.clone();
            }

            double referenceNorm = nn.utils.clip_grad_norm_(reference, maxNorm);
            referenceAdam.step();
            double fusedNorm = FusedAdam.ClipAndStep(fusedAdam, maxNorm);

            Assert.Equal(referenceNorm, fusedNorm, 4);
            for (int i = 0; i < reference.Count; i++)
            {
                Assert.True(reference[i].allclose(fused[i], rtol: 1e-6, atol: 1e-7), $"step {step}, parameter {i}: max difference {(reference[i] - fused[i]).abs().max().item<float>()}");
            }
        }

        var referenceStates = referenceAdam.state_dict().State.Cast<Adam.State>().ToList();
        var fusedStates = fusedAdam.state_dict().State.Cast<Adam.State>().ToList();
        for (int i = 0; i < referenceStates.Count; i++)
        {
            Assert.Equal(referenceStates[i].step, fusedStates[i].step);
            // A moment that cancels to near zero keeps an absolute error of the size of its terms' last bit.
            Assert.True(referenceStates[i].exp_avg.allclose(fusedStates[i].exp_avg, rtol: 1e-6, atol: 1e-6), $"exp_avg of parameter {i}");
            Assert.True(referenceStates[i].exp_avg_sq.allclose(fusedStates[i].exp_avg_sq, rtol: 1e-6, atol: 1e-12), $"exp_avg_sq of parameter {i}");
        }
    }

    // Parameters the fused kernel does not take go through a copy of Adam.step whose Scalars are held; it must stay Adam.step bit for bit.
    [Theory]
    [InlineData(true, false, 0.0)]    // amsgrad
    [InlineData(true, false, 0.01)]   // amsgrad with L2 weight decay
    [InlineData(false, true, 0.0)]    // maximize
    public void The_unfused_path_is_clip_grad_norm_then_adam_step_bit_for_bit(bool amsgrad, bool maximize, double weightDecay)
    {
        manual_seed(7);
        var reference = Shapes.Select(shape => new Parameter(randn(shape))).ToList();
        var unfused = reference.Select(p => new Parameter(p.detach().clone())).ToList();
        using var referenceAdam = optim.Adam(reference, 0.01, weight_decay: weightDecay, amsgrad: amsgrad, maximize: maximize);
        using var unfusedAdam = optim.Adam(unfused, 0.01, weight_decay: weightDecay, amsgrad: amsgrad, maximize: maximize);

        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < reference.Count; i++)
            {
                using var grad = randn(reference[i].shape) * (step + 1);
                reference[i].grad = grad.clone();
                unfused[i].grad = grad.clone();
            }

            nn.utils.clip_grad_norm_(reference, 0.5);
            referenceAdam.step();
            FusedAdam.ClipAndStep(unfusedAdam, 0.5);

            for (int i = 0; i < reference.Count; i++)
            {
                Assert.True(Same(reference[i], unfused[i]), $"step {step}, parameter {i}");
            }
        }

        var referenceStates = referenceAdam.state_dict().State.Cast<Adam.State>().ToList();
        var unfusedStates = unfusedAdam.state_dict().State.Cast<Adam.State>().ToList();
        for (int i = 0; i < referenceStates.Count; i++)
        {
            Assert.Equal(referenceStates[i].step, unfusedStates[i].step);
            Assert.True(Same(referenceStates[i].exp_avg, unfusedStates[i].exp_avg), $"exp_avg of parameter {i}");
            Assert.True(Same(referenceStates[i].exp_avg_sq, unfusedStates[i].exp_avg_sq), $"exp_avg_sq of parameter {i}");
        }
    }

    [Fact]
    public void Parameters_without_a_gradient_are_left_alone()
    {
        manual_seed(6);
        var parameters = new List<Parameter> { new(randn(10)), new(randn(20)) };
        using var before = parameters[1].detach().clone();
        using var adam = optim.Adam(parameters, 0.01);
        parameters[0].grad = randn(10);

        FusedAdam.ClipAndStep(adam, 1.0);

        Assert.True(Same(parameters[1], before));
        var states = adam.state_dict().State.Cast<Adam.State>().ToList();
        Assert.Equal(1, states[0].step);
        Assert.Equal(0, states[1].step);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    private static Adam Optimizer(IReadOnlyList<Parameter> parameters, double weightDecay, int groups) => groups == 1
        ? optim.Adam(parameters, 0.01, weight_decay: weightDecay)
        : optim.Adam(
            [
                new Adam.ParamGroup(parameters.Take(1), new Adam.Options { LearningRate = 0.01 }),
                new Adam.ParamGroup(parameters.Skip(1), new Adam.Options { LearningRate = 0.001 }),
            ],
            0.01,
            weight_decay: weightDecay);
}
