namespace Itm;

/// <summary>How an <see cref="ItmModel"/> is loaded.</summary>
public sealed record ItmModelOptions
{
    /// <summary>
    /// Where the image inputs of encoded images are cached (keyed by the file's bytes, so a copied or renamed file hits);
    /// null for the default: <c>$ITM_CACHE</c>, or <c>~/.cache/itm</c>. The same folder as the CLI's <c>--cache</c>.
    /// </summary>
    public string? CacheDir { get; init; }
}
