using Itm.Data.Text;

namespace Itm.Data.Recipes;

/// <summary>Which part of a drawing's own text a caption was built from.</summary>
public enum CaptionKind
{
    /// <summary>The cleaned title, as one sentence.</summary>
    Title,

    /// <summary>The first informative sentence of the description, truncated.</summary>
    Description,

    /// <summary>The cleaned keywords joined with commas ("flower, plant, nature").</summary>
    Keywords,

    /// <summary>
    /// The words of the file name, for a drawing whose own captions were all boilerplate ("aiga_waiting_room1.svg" →
    /// "waiting room"; <see cref="FileNameCaptioner"/>). Compared by its tokens in order, like a title.
    /// </summary>
    FileName,
}

/// <summary>A cleaned caption of a drawing, before the corpus-wide boilerplate filter.</summary>
public sealed class CaptionCandidate
{
    /// <param name="text">The sentence as it goes into the dataset.</param>
    public CaptionCandidate(CaptionKind kind, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Kind = kind;
        Text = text;
        Key = KeyOf(kind, text);
    }

    public CaptionKind Kind { get; }

    public string Text { get; }

    /// <summary>
    /// The identity used to find boilerplate and repeated captions: the tokens in order, or, for keyword
    /// sentences (whose order is arbitrary), the distinct tokens sorted.
    /// </summary>
    public string Key { get; }

    public override string ToString() => $"{Kind}: {Text}";

    private static string KeyOf(CaptionKind kind, string text)
    {
        IEnumerable<string> tokens = Tokenizer.Tokenize(text);
        if (kind == CaptionKind.Keywords)
            tokens = tokens.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }
}
