namespace Itm.Data.Images;

/// <summary>How <see cref="ImageLoader"/> decodes, bounds and crops an image.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>Side of the square output: the shorter side is resized to this, then the centre is cropped.</summary>
    public int TargetSize { get; init; } = 224;

    /// <summary>
    /// Crop the centre (the default, and the only fit <see cref="ImageLoader.PipelineVersion"/> describes: feature
    /// extractors keep it) or fit the whole image (thumbnails).
    /// </summary>
    public ImageFit Fit { get; init; } = ImageFit.CropCenter;

    /// <summary>
    /// Largest image (width × height, read from the header) that is decoded at all. A few hundred bytes of
    /// PNG can declare gigapixels; checking before decoding keeps one hostile file from taking the process down.
    /// </summary>
    public long MaxPixels { get; init; } = 64_000_000;

    /// <summary>Largest file read. Bounds memory before anything is parsed (also the uncompressed size of an .svgz).</summary>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(TargetSize, 1, nameof(TargetSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TargetSize, 8192, nameof(TargetSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPixels, 1, nameof(MaxPixels));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBytes, 1, nameof(MaxBytes));
        if (!Enum.IsDefined(Fit))
        {
            throw new ArgumentOutOfRangeException(nameof(Fit), Fit, "Unknown fit.");
        }
    }
}
