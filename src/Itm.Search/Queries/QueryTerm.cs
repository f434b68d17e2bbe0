namespace Itm.Search.Queries;

/// <summary>
/// One term of a <see cref="QueryExpression"/>: a phrase (embedded with the model's text channel) or an image (its
/// stored vector when indexed, else embedded), and the weight its unit vector gets in the query's sum.
/// </summary>
/// <param name="Weight">Any finite number but 0; negative subtracts the term.</param>
/// <param name="Phrase">The words of a text term; null for an image term.</param>
/// <param name="Image">The image of an image term; null for a text term.</param>
/// <param name="Token">The term as written (<c>-2:"blue square"</c>), or how an image term was given; named in errors.</param>
/// <param name="Position">1-based character position of <paramref name="Token"/> in the query text; 0 for an image term.</param>
public sealed record QueryTerm(double Weight, string? Phrase, ImageReference? Image, string Token, int Position)
{
    public static QueryTerm Text(string phrase, double weight, string token, int position) => new(weight, phrase, null, token, position);

    public static QueryTerm OfImage(ImageReference image, double weight) => new(weight, null, image, $"image {image}", 0);
}
