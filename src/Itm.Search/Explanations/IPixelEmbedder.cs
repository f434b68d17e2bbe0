using Itm.Data.Images;

namespace Itm.Search.Explanations;

/// <summary>
/// A model's image channel from decoded pixels on (the model's own preprocessing and network; a stand-in in tests):
/// what occlusion needs to ask "and without this region?".
/// </summary>
public interface IPixelEmbedder
{
    /// <summary>The colour the channel reads as nothing: what a patch is painted with.</summary>
    (byte R, byte G, byte B) NeutralColour { get; }

    /// <summary>Joint-space vectors, row-major, one row per image (each the size the channel decodes to).</summary>
    float[] Embed(IReadOnlyList<RgbImage> images);
}
