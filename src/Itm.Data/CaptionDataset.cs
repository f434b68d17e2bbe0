namespace Itm.Data;

/// <summary>A named collection of captioned images, as every reader returns it.</summary>
public sealed class CaptionDataset
{
    public CaptionDataset(string name, IReadOnlyList<CaptionedImage> images)
    {
        Name = name;
        Images = images;
    }

    public string Name { get; }

    public IReadOnlyList<CaptionedImage> Images { get; }

    /// <summary>The images of one split, in dataset order.</summary>
    public IReadOnlyList<CaptionedImage> InSplit(Split split) => Images.Where(i => i.Split == split).ToList();

    public int SentenceCount => Images.Sum(i => i.Captions.Count);
}
