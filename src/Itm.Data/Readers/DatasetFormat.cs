namespace Itm.Data.Readers;

/// <summary>The dataset formats <see cref="DatasetLoader"/> recognises.</summary>
public enum DatasetFormat
{
    /// <summary>Karpathy's split JSON (the interchange format), read by <see cref="KarpathyJson"/>.</summary>
    KarpathyJson,

    /// <summary>One COCO <c>captions_*.json</c>, read by <see cref="CocoCaptionsReader"/> as a single split.</summary>
    CocoCaptions,

    /// <summary>A folder with <c>captions.jsonl</c>, read by <see cref="CaptionsJsonlReader"/>.</summary>
    CaptionsJsonl,

    /// <summary><c>Flickr8k.token.txt</c> with its split lists, read by <see cref="Flickr8kReader"/>.</summary>
    Flickr8k,
}
