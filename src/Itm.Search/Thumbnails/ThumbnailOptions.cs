namespace Itm.Search.Thumbnails;

/// <summary>How <see cref="ThumbnailCache"/> draws thumbnails.</summary>
public sealed record ThumbnailOptions
{
    /// <summary>Side of the square thumbnail in pixels: sharp in a grid tile of about 128 CSS pixels on a 2× screen.</summary>
    public int Size { get; init; } = 256;

    /// <summary>WebP quality, 1 to 100: 80 keeps line art clean at a few kilobytes.</summary>
    public int Quality { get; init; } = 80;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Size, 16, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Size, 2048, nameof(Size));
        ArgumentOutOfRangeException.ThrowIfLessThan(Quality, 1, nameof(Quality));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Quality, 100, nameof(Quality));
    }
}
