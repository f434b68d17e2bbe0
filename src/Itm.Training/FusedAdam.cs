using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Itm.Model;
using Itm.Model.TextEncoders;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Training;

/// <summary>
/// Gradient-norm clipping and an Adam step done together, one pass over each parameter's memory, on the state of a
/// TorchSharp <see cref="Adam"/> (so checkpoints keep its format). The same arithmetic, operation for operation, as
/// <c>clip_grad_norm_</c> followed by <see cref="Adam.step"/>, which go over every gradient twice more and over every
/// parameter eight times in separate kernels (scale, two moment updates, square root, division, epsilon, update), each
/// a pass over memory: with a bag of 50,000 n-gram features × 1,024 that memory traffic is most of a training step.
/// </summary>
/// <remarks>
/// Per element, with c the clipping factor, t the step, b1 = 1 − β1^t, b2 = 1 − β2^t (as torch computes them):
/// g ← g·c; g ← g + λ·p (weight decay); m ← fma(g, 1 − β1, m·β1); v ← v·β2 + ((1 − β2)·g)·g;
/// p ← p + ((−lr / b1)·m) / (√v / √b2 + ε). Everything is float32 with the rounding of libtorch's vectorised kernels
/// (fused multiply-add where <c>add_</c> has one), so results match the unfused step except in the last bit of a few
/// elements: libtorch takes √v from MKL's vector maths, which rounds about 0.6% of roots one unit in the last place off
/// the correctly rounded root used here, and its scalar loop over a tensor's last few elements may round differently.
/// Parameters that are not contiguous float32 tensors, AMSGrad and maximize go through TorchSharp's own step.
/// </remarks>
public static class FusedAdam
{
    /// <summary>Below this many elements a parameter is updated on the calling thread alone.</summary>
    private const int ParallelThreshold = 1 << 16;

    /// <summary>Elements per parallel work item: large enough to amortise scheduling, a multiple of the vector width.</summary>
    private const int ChunkLength = 1 << 15;

    /// <summary>Clips the global L2 norm of the gradients to <paramref name="maxNorm"/>, then takes one Adam step.</summary>
    /// <param name="optimizer">The optimizer over every parameter, tables included.</param>
    /// <param name="maxNorm">The largest global gradient norm.</param>
    /// <param name="rowGradients">
    /// Gradients of table rows from row-sparse passes (<see cref="RowSparseBag.TakeRowGradients"/>), whose tables have no
    /// gradient of their own: they count in the global norm, and only their rows of the table and of its Adam moments
    /// are updated ("lazy" Adam, as PyTorch's SparseAdam): a row no sentence of the step used keeps its value and its
    /// moments, rather than drifting on the momentum of earlier steps. The table's step count still advances every step.
    /// </param>
    /// <returns>The gradients' total norm before clipping, as <c>clip_grad_norm_</c> returns it.</returns>
    public static double ClipAndStep(Adam optimizer, double maxNorm, IReadOnlyList<RowGradient>? rowGradients = null)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        rowGradients ??= [];
        var states = optimizer.state_dict().State;
        var items = new List<(Parameter Parameter, Tensor Grad, Adam.State State, Adam.Options Options)>();
        var rows = new List<(RowGradient Rows, Adam.State State, Adam.Options Options)>();
        int index = 0;
        foreach (var group in optimizer.ParamGroups.Cast<Adam.ParamGroup>())
        {
            foreach (var parameter in group.Parameters)
            {
                var state = (Adam.State)states[index++];
                var options = (Adam.Options)group.Options;
                var grad = parameter.grad;
                if (grad is not null)
                {
                    items.Add((parameter, grad, state, options));
                }

                rows.AddRange(rowGradients.Where(r => SameTensor(r.Table, parameter)).Select(r => (r, state, options)));
            }
        }

        try
        {
            if (rows.Count != rowGradients.Count)
            {
                throw new ArgumentException("A row gradient's table is not one of the optimizer's parameters.", nameof(rowGradients));
            }

            if (items.Count == 0 && rows.Count == 0)
            {
                return 0;
            }

            var (totalNorm, scale) = ClipFactor([.. items.Select(i => i.Grad), .. rows.Select(r => r.Rows.Grad)], maxNorm);
            if (items.Any(i => !Fusable(i.Parameter, i.Grad, i.State, i.Options)))
            {
                // The unfused path, with the gradients scaled as clip_grad_norm_ scales them.
                // The factor is held for the whole loop: a temporary Scalar may be freed by the collector mid-call (TensorSums).
                using (no_grad())
                using (var factor = scale.ToScalar())
                {
                    foreach (var item in items)
                    {
                        item.Grad.mul_(factor);
                    }

                    foreach (var (parameter, grad, state, options) in items)
                    {
                        UnfusedStep(parameter, grad, state, options);
                    }
                }
            }
            else
            {
                using (no_grad())
                {
                    foreach (var (parameter, grad, state, options) in items)
                    {
                        state.step += 1;
                        Update(parameter, grad, state, options, scale);
                    }
                }
            }

            using (no_grad())
            {
                foreach (var (rowGradient, state, options) in rows)
                {
                    state.step += 1;
                    UpdateRows(rowGradient, state, options, scale);
                }
            }

            return totalNorm;
        }
        finally
        {
            foreach (var item in items)
            {
                item.Grad.Dispose();
            }
        }
    }

    /// <summary>
    /// What libtorch's <c>clip_grad_norm_</c> computes: the norm of the per-gradient norms, and the factor
    /// min(maxNorm / (norm + 1e-6), 1) that it multiplies every gradient by, in the same float32 operations.
    /// </summary>
    private static (double TotalNorm, float Scale) ClipFactor(IReadOnlyList<Tensor> grads, double maxNorm)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var norms = grads.Select(g => g.norm()).ToList();
        var total = norms.Count == 1 ? norms[0] : stack(norms).norm();
        float totalNorm = total.item<float>();
        // (norm + 1e-6) in float32, its reciprocal, times maxNorm, clamped to 1: the order the C++ code evaluates in.
        float denominator = totalNorm + 1e-6f;
        float scale = Math.Min((1f / denominator) * (float)maxNorm, 1f);
        return (totalNorm, scale);
    }

    /// <summary>
    /// TorchSharp's <see cref="Adam.step"/> for one parameter, operation for operation and in its Scalar types, with every
    /// Scalar held through its call: Adam.step makes its betas, bias corrections and step size as temporaries, which
    /// the collector may free while libtorch reads them (HeldScalars in Itm.Model). The path of parameters the fused
    /// kernel does not take (GPU, float64, amsgrad, maximize), so on a GPU it runs every step.
    /// </summary>
    private static void UnfusedStep(Parameter parameter, Tensor scaledGrad, Adam.State state, Adam.Options options)
    {
        using var scope = NewDisposeScope();
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, weightDecay = options.weight_decay!.Value;
        var grad = options.maximize!.Value ? scaledGrad.neg() : scaledGrad;

        state.step += 1;
        double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
        double biasCorrection2 = 1 - Math.Pow(beta2, state.step);

        if (weightDecay != 0)
        {
            using var decay = weightDecay.ToScalar();
            grad = grad.add(parameter, decay);
        }

        using (var keep1 = beta1.ToScalar())
        using (var new1 = (1 - beta1).ToScalar())
        {
            state.exp_avg.mul_(keep1).add_(grad, new1);
        }

        using (var keep2 = beta2.ToScalar())
        using (var new2 = (1 - beta2).ToScalar())
        {
            state.exp_avg_sq.mul_(keep2).addcmul_(grad, grad.conj(), new2);
        }

        using var root2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var eps = options.eps!.Value.ToScalar();
        Tensor denominator;
        if (options.amsgrad!.Value)
        {
            var previous = state.max_exp_avg_sq;
            state.max_exp_avg_sq = maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
            previous.Dispose();
            denominator = state.max_exp_avg_sq.sqrt().div(root2).add_(eps, HeldScalars.One);
        }
        else
        {
            denominator = state.exp_avg_sq.sqrt().div(root2).add_(eps, HeldScalars.One);
        }

        using var negativeStepSize = (-(options.LearningRate!.Value / biasCorrection1)).ToScalar();
        parameter.addcdiv_(state.exp_avg, denominator, negativeStepSize);
    }

    private static bool Fusable(Parameter parameter, Tensor grad, Adam.State state, Adam.Options options) =>
        options.amsgrad != true && options.maximize != true
        && parameter.device_type == DeviceType.CPU
        && parameter.dtype == ScalarType.Float32 && grad.dtype == ScalarType.Float32
        && parameter.is_contiguous() && grad.is_contiguous() && state.exp_avg.is_contiguous() && state.exp_avg_sq.is_contiguous()
        && grad.numel() == parameter.numel();

    private static void Update(Parameter parameter, Tensor grad, Adam.State state, Adam.Options options, float scale)
    {
        var constants = Constants(state, options, scale);
        var memory = new AdamMemory(Address(parameter), Address(grad), Address(state.exp_avg), Address(state.exp_avg_sq));
        long length = parameter.numel();
        int threads = Math.Max(1, get_num_threads());
        if (length < ParallelThreshold || threads == 1)
        {
            UpdateRange(memory, constants, 0, length);
            return;
        }

        long chunks = (length + ChunkLength - 1) / ChunkLength;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            long start = chunk * ChunkLength;
            UpdateRange(memory, constants, start, Math.Min(ChunkLength, length - start));
        });
    }

    /// <summary>The same per-element step as <see cref="Update"/>, on the listed rows of a table only.</summary>
    private static void UpdateRows(RowGradient rows, Adam.State state, Adam.Options options, float scale)
    {
        var table = rows.Table;
        if (table.device_type != DeviceType.CPU || table.dtype != ScalarType.Float32 || table.dim() != 2 || !table.is_contiguous()
            || !state.exp_avg.is_contiguous() || !state.exp_avg_sq.is_contiguous()
            || rows.Grad.dtype != ScalarType.Float32 || !rows.Grad.is_contiguous()
            || rows.Grad.dim() != 2 || rows.Grad.shape[0] != rows.Rows.Length || rows.Grad.shape[1] != table.shape[1])
        {
            throw new NotSupportedException(
                $"Row-sparse updates need a contiguous float32 CPU table [V, H] and a gradient [rows, H]; got table " +
                $"[{string.Join(", ", table.shape)}] {table.dtype} on {table.device_type}, gradient [{string.Join(", ", rows.Grad.shape)}].");
        }

        var constants = Constants(state, options, scale);
        long width = table.shape[1], count = table.shape[0];
        nint parameter = Address(table), grad = Address(rows.Grad), expAvg = Address(state.exp_avg), expAvgSq = Address(state.exp_avg_sq);
        void Row(long i)
        {
            long row = rows.Rows[i];
            if ((ulong)row >= (ulong)count)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row {row} is outside the table's {count} rows.");
            }

            long at = row * width * sizeof(float);
            var memory = new AdamMemory(parameter + (nint)at, grad + (nint)(i * width * sizeof(float)), expAvg + (nint)at, expAvgSq + (nint)at);
            UpdateRange(memory, constants, 0, width);
        }

        int threads = Math.Max(1, get_num_threads());
        if (rows.Rows.Length * width < ParallelThreshold || threads == 1)
        {
            for (long i = 0; i < rows.Rows.Length; i++)
            {
                Row(i);
            }

            return;
        }

        Parallel.For(0L, rows.Rows.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, Row);
    }

    private static AdamConstants Constants(Adam.State state, Adam.Options options, float scale)
    {
        double beta1 = options.beta1 ?? 0.9, beta2 = options.beta2 ?? 0.999;
        double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
        double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
        return new AdamConstants(
            Scale: scale,
            WeightDecay: (float)(options.weight_decay ?? 0),
            Beta1: (float)beta1,
            OneMinusBeta1: (float)(1 - beta1),
            Beta2: (float)beta2,
            OneMinusBeta2: (float)(1 - beta2),
            SqrtBiasCorrection2: (float)Math.Sqrt(biasCorrection2),
            Epsilon: (float)(options.eps ?? 1e-8),
            NegativeStepSize: (float)(-(options.LearningRate ?? 1e-3) / biasCorrection1));
    }

    private static bool SameTensor(Tensor a, Tensor b) =>
        a.device_type == DeviceType.CPU && b.device_type == DeviceType.CPU && a.dtype == ScalarType.Float32 && b.dtype == ScalarType.Float32
        && a.numel() == b.numel() && Address(a) == Address(b);

    private static void UpdateRange(AdamMemory memory, AdamConstants c, long start, long length)
    {
        ref float p = ref Element(memory.Parameter, start);
        ref float g = ref Element(memory.Grad, start);
        ref float m = ref Element(memory.ExpAvg, start);
        ref float v = ref Element(memory.ExpAvgSq, start);
        nuint i = 0, n = (nuint)length;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(c.Scale);
            var weightDecay = Vector256.Create(c.WeightDecay);
            var beta1 = Vector256.Create(c.Beta1);
            var oneMinusBeta1 = Vector256.Create(c.OneMinusBeta1);
            var beta2 = Vector256.Create(c.Beta2);
            var oneMinusBeta2 = Vector256.Create(c.OneMinusBeta2);
            var sqrtBiasCorrection2 = Vector256.Create(c.SqrtBiasCorrection2);
            var epsilon = Vector256.Create(c.Epsilon);
            var negativeStepSize = Vector256.Create(c.NegativeStepSize);
            bool scaled = c.Scale != 1f, decayed = c.WeightDecay != 0f;
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                var pv = Vector256.LoadUnsafe(ref p, i);
                var gv = Vector256.LoadUnsafe(ref g, i);
                if (scaled)
                {
                    gv *= scale;
                }

                if (decayed)
                {
                    gv = Vector256.FusedMultiplyAdd(pv, weightDecay, gv);
                }

                var mv = Vector256.FusedMultiplyAdd(gv, oneMinusBeta1, Vector256.LoadUnsafe(ref m, i) * beta1);
                var vv = (Vector256.LoadUnsafe(ref v, i) * beta2) + (oneMinusBeta2 * gv * gv);
                var denominator = (Vector256.Sqrt(vv) / sqrtBiasCorrection2) + epsilon;
                pv += negativeStepSize * mv / denominator;
                mv.StoreUnsafe(ref m, i);
                vv.StoreUnsafe(ref v, i);
                pv.StoreUnsafe(ref p, i);
            }
        }

        for (; i < n; i++)
        {
            float gi = Unsafe.Add(ref g, i);
            float pi = Unsafe.Add(ref p, i);
            if (c.Scale != 1f)
            {
                gi *= c.Scale;
            }

            if (c.WeightDecay != 0f)
            {
                gi = MathF.FusedMultiplyAdd(pi, c.WeightDecay, gi);
            }

            float mi = MathF.FusedMultiplyAdd(gi, c.OneMinusBeta1, Unsafe.Add(ref m, i) * c.Beta1);
            float vi = (Unsafe.Add(ref v, i) * c.Beta2) + (c.OneMinusBeta2 * gi * gi);
            float denominator = (MathF.Sqrt(vi) / c.SqrtBiasCorrection2) + c.Epsilon;
            Unsafe.Add(ref m, i) = mi;
            Unsafe.Add(ref v, i) = vi;
            Unsafe.Add(ref p, i) = pi + (c.NegativeStepSize * mi / denominator);
        }
    }

    /// <summary>The address of a contiguous tensor's first element.</summary>
    private static nint Address(Tensor tensor)
    {
        using var storage = tensor.storage<float>();
        return storage.data_ptr() + (nint)(tensor.storage_offset() * sizeof(float));
    }

    private static ref float Element(nint address, long index) =>
        ref Unsafe.Add(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<float>(), address), (nint)index);

    private readonly record struct AdamMemory(nint Parameter, nint Grad, nint ExpAvg, nint ExpAvgSq);

    private readonly record struct AdamConstants(
        float Scale, float WeightDecay, float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2,
        float SqrtBiasCorrection2, float Epsilon, float NegativeStepSize);
}
