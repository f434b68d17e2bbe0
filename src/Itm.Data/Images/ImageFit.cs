namespace Itm.Data.Images;

/// <summary>How <see cref="ImageLoader"/> puts an image of any shape on its square canvas.</summary>
public enum ImageFit
{
    /// <summary>
    /// Scale the shorter side to the target and keep the centre: the single-crop evaluation pretrained networks are
    /// published with, and what every model trained before image fits existed saw.
    /// </summary>
    CropCenter,

    /// <summary>
    /// Scale the longer side to the target and centre the whole image on white: nothing is cut off, which is what a
    /// person looking at a thumbnail expects, and what new models see by default.
    /// </summary>
    Contain,
}
