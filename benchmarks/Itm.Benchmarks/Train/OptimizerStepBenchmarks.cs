using BenchmarkDotNet.Attributes;
using Itm.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Benchmarks.Train;

/// <summary>
/// The optimiser's share of a training step on the parameters of the trigram model (a 6,204 × 1,024 feature bag, the
/// 512 → 1,024 → 256 image head, the 1,024 → 256 text output): libtorch's clip_grad_norm_ then TorchSharp's Adam, against
/// <see cref="FusedAdam.ClipAndStep"/>, on 2 threads.
/// </summary>
public class OptimizerStepBenchmarks
{
    private readonly List<Parameter> unfusedParameters = [];
    private readonly List<Parameter> fusedParameters = [];
    private Adam? unfused;
    private Adam? fused;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(2);
        manual_seed(1);
        long[][] shapes = [[6204, 1024], [1024], [256, 1024], [256], [512], [512], [1024, 512], [1024], [256, 1024], [256]];
        foreach (var shape in shapes)
        {
            using var value = randn(shape);
            using var grad = randn(shape) * 1e-3;
            unfusedParameters.Add(new Parameter(value.clone()) { grad = grad.clone() });
            fusedParameters.Add(new Parameter(value.clone()) { grad = grad.clone() });
        }

        unfused = optim.Adam(unfusedParameters, 1e-3);
        fused = optim.Adam(fusedParameters, 1e-3);
    }

    [Benchmark(Baseline = true)]
    public void ClipGradNormThenAdamStep()
    {
        nn.utils.clip_grad_norm_(unfusedParameters, 2.0);
        unfused!.step();
    }

    [Benchmark]
    public void FusedClipAndStep() => FusedAdam.ClipAndStep(fused!, 2.0);

    [GlobalCleanup]
    public void Cleanup()
    {
        unfused?.Dispose();
        fused?.Dispose();
    }
}
