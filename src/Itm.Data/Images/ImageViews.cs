namespace Itm.Data.Images;

/// <summary>Which views of a picture a pretrained network's pooled features describe.</summary>
public enum ImageViews
{
    /// <summary>The picture as it is: one pass of the network.</summary>
    One,

    /// <summary>
    /// The mean of the features of the picture and of its mirror image (left and right swapped): two passes. A drawing
    /// and its mirror show the same thing, so their mean is a steadier description of it ("CNN features off-the-shelf"
    /// averages such views), at twice the cost of computing it.
    /// </summary>
    Flip,

    /// <summary>
    /// Two scales side by side, twice the features: those of the whole picture, then the mean of those of its four
    /// quarters, each seen at the network's full input size (the picture rendered at twice that size and cut in four),
    /// so small parts of a drawing are seen at twice the detail ("multi-scale orderless pooling", averaged over the
    /// quarters so where a part lies does not matter). Five passes of the network.
    /// </summary>
    Scales,
}
