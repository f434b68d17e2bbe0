namespace Itm.Data;

/// <summary>One sentence describing an image.</summary>
/// <param name="SentenceId">Unique within the dataset.</param>
/// <param name="Raw">The sentence as written.</param>
/// <param name="Tokens">The sentence after <see cref="Text.Tokenizer"/>.</param>
public sealed record Caption(long SentenceId, string Raw, IReadOnlyList<string> Tokens);

/// <summary>An image and every sentence that describes it (one or many; never assume five).</summary>
/// <param name="Id">Unique within the dataset (Karpathy's <c>imgid</c>, COCO's image id, a relative path...).</param>
/// <param name="ImagePath">Absolute path of the image file.</param>
public sealed record CaptionedImage(string Id, string ImagePath, Split Split, IReadOnlyList<Caption> Captions);
