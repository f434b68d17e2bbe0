using static TorchSharp.torch;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// An image encoder whose trainable part computes spatial feature maps before it pools or flattens them, so its
/// forward splits at a map: images → <see cref="Maps"/> → <see cref="EncodeFromMaps"/> is exactly
/// <see cref="ImageEncoder.Encode"/>, the same modules in the same order. What Grad-CAM differentiates through.
/// The encoders over pooled features (<see cref="FeatureMlpEncoder"/>) have no maps and don't implement it.
/// </summary>
public interface ISpatialImageEncoder
{
    /// <summary>How many places the forward can split at: layer 0 is the last map before pooling or flattening, 1 the one a block earlier, and so on.</summary>
    int MapLayers { get; }

    /// <summary>Images <c>[B, ...]</c> → the maps at <paramref name="layer"/>, <c>[B, C, h, w]</c>.</summary>
    Tensor Maps(Tensor images, int layer);

    /// <summary>The maps at <paramref name="layer"/> <c>[B, C, h, w]</c> → the encoder's output <c>[B, D]</c> (not normalised), the rest of the forward.</summary>
    Tensor EncodeFromMaps(Tensor maps, int layer);
}
