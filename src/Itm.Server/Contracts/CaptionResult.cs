using Itm.Search.Queries;

namespace Itm.Server.Contracts;

/// <summary>A caption in a ranked annotation.</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Score">Cosine between the image's vector and the caption's, in [-1, 1].</param>
/// <param name="Id">The caption's id in the index.</param>
public sealed record CaptionResult(int Rank, float Score, long Id, string Caption)
{
    public static CaptionResult From(CaptionMatch match) => new(match.Rank, match.Score, match.Id, match.Text);
}
