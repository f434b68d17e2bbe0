namespace Itm.Search.Duplicates;

/// <summary>What confirms a pair of images whose vectors are alike enough to be duplicates.</summary>
public enum PixelCheck
{
    /// <summary>Nothing: the vectors decide alone (no file is read).</summary>
    None,

    /// <summary>
    /// Their grey thumbnails must be alike too (<see cref="PixelFingerprint"/>): the model's vectors say what an image
    /// shows, so two different drawings of one thing can be as close as a copy; their pixels are not.
    /// </summary>
    Thumbnail,
}
