namespace Itm;

/// <summary>A caption of the index's corpus in a ranked annotation (<see cref="ItmIndex.Annotate(string, int)"/>).</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Id">The caption's id in the index.</param>
/// <param name="Text">The caption.</param>
/// <param name="Score">Cosine between the image's vector and the caption's, in [-1, 1]; higher is a better match.</param>
public sealed record CaptionResult(int Rank, long Id, string Text, float Score);
