namespace Itm.Search.Queries;

/// <summary>A caption in a ranked annotation.</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Score">Cosine between the image's vector and the caption's, in [-1, 1].</param>
/// <param name="Id">The caption's id in the index.</param>
public sealed record CaptionMatch(int Rank, float Score, long Id, string Text);
