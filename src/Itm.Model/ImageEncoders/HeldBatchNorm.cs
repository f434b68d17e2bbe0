using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// TorchSharp's <see cref="BatchNorm"/> forward with its Scalar held. In training mode that forward counts the batch
/// with <c>num_batches_tracked.add_(1)</c>, which makes the 1 and its alpha as temporary Scalars that the collector may
/// free while libtorch reads them (see <see cref="HeldScalars"/>); here the count goes through the held One. The rest
/// is TorchSharp 0.107's forward as written, so outputs, running statistics and the count stay the same.
/// </summary>
internal static class HeldBatchNorm
{
    /// <summary><paramref name="norm"/>'s forward on <paramref name="input"/>: <c>[B, C, H, W]</c> → <c>[B, C, H, W]</c>.</summary>
    public static Tensor Normalize(this BatchNorm2d norm, Tensor input)
    {
        if (input.dim() != 4)
        {
            throw new ArgumentException($"Expected 4D input [B, C, H, W], got {input.dim()}D.", nameof(input));
        }

        double averagingFactor = norm.momentum ?? 0.0;
        if (norm.training && norm.track_running_stats && norm.num_batches_tracked is { } count)
        {
            count.add_(HeldScalars.One, HeldScalars.One);
            averagingFactor = norm.momentum ?? (1.0 / (double)count);
        }

        bool batchStatistics = norm.training || (norm.running_mean is null && norm.running_var is null);
        bool useRunning = !norm.training || norm.track_running_stats;
        return nn.functional.batch_norm(
            input, useRunning ? norm.running_mean : null, useRunning ? norm.running_var : null, norm.weight, norm.bias,
            batchStatistics, averagingFactor, norm.eps);
    }
}
