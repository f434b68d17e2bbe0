namespace Itm;

/// <summary>An indexed image in a ranked answer (<see cref="ItmIndex.Search(string, int, double?)"/>, <see cref="ItmIndex.Similar(string, int)"/>).</summary>
/// <param name="Rank">1 for the best match.</param>
/// <param name="Id">The image's id in the index: stable while the file stays, and usable wherever an image is asked for (<c>ImageReference.Indexed(id)</c>).</param>
/// <param name="Path">Absolute path of the image file.</param>
/// <param name="RelativePath">Path relative to the indexed images folder, with '/'.</param>
/// <param name="Score">Cosine between the query's vector and the image's, in [-1, 1]; higher is a better match.</param>
/// <param name="Probability">
/// For a search whose model has a calibration: the calibrated probability that this is an image the query describes,
/// in [0, 1]. Null when the model has none, and for <see cref="ItmIndex.Similar(string, int)"/>, which it does not cover.
/// </param>
public sealed record ImageResult(int Rank, long Id, string Path, string RelativePath, float Score, double? Probability);
