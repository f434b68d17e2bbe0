namespace Itm.Data.Readers;

/// <summary>How the dataset readers find images and treat bad input. Every reader accepts <c>null</c> for the defaults.</summary>
public sealed record DatasetReadOptions
{
    /// <summary>The defaults: strict, images must exist, captions up to 1,000 characters.</summary>
    public static DatasetReadOptions Default { get; } = new();

    /// <summary>
    /// Folder that image paths are relative to, replacing the folder of the dataset file (Karpathy JSON,
    /// <c>captions.jsonl</c>). <see cref="DatasetLoader"/> also uses it as the Flickr8k or COCO images folder.
    /// </summary>
    public string? ImagesRoot { get; init; }

    /// <summary>
    /// When false (the default) the first bad item throws a <see cref="DatasetFormatException"/> naming it.
    /// When true bad images and captions are left out and counted in the <see cref="ReadReport"/>, and the rest loads.
    /// </summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Check that every image file exists. Turn off only for datasets whose images are fetched later.</summary>
    public bool CheckImagesExist { get; init; } = true;

    /// <summary>Longest caption accepted, in UTF-16 characters; longer ones are bad input (usually a broken line).</summary>
    public int MaxCaptionChars { get; init; } = 1000;

    /// <summary>How <c>captions.jsonl</c> images without a <c>"split"</c> field are divided.</summary>
    public SplitFractions SplitFractions { get; init; } = SplitFractions.Default;

    /// <summary>The split of every image when <see cref="DatasetLoader"/> reads one COCO captions file on its own.</summary>
    public Split CocoFileSplit { get; init; } = Split.Test;

    /// <summary>Throws <see cref="ArgumentException"/> for settings no reader can honour.</summary>
    public void Validate()
    {
        if (MaxCaptionChars < 1)
        {
            throw new ArgumentException($"MaxCaptionChars is {MaxCaptionChars}; it must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(SplitFractions);
        SplitFractions.Validate();
        if (!Enum.IsDefined(CocoFileSplit))
        {
            throw new ArgumentException($"CocoFileSplit {(int)CocoFileSplit} is not a split.");
        }
    }
}
