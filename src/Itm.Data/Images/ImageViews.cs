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
}
