using static TorchSharp.torch;

namespace Itm.Model.Losses;

/// <summary>
/// One training batch in the joint space: row i of <see cref="Images"/> and row i of <see cref="Texts"/> are a
/// matching pair. Rows are L2-normalised, so a dot product is a cosine.
/// </summary>
/// <param name="Images">[B, D] image embeddings.</param>
/// <param name="Texts">[B, D] sentence embeddings; row i describes image row i.</param>
/// <param name="ImageIds">[B] id of the image of each pair. Two rows with the same id (two captions of one image)
/// are never negatives of each other.</param>
/// <param name="ExtraImages">[K, D] images drawn from the training set, the search negatives of <see cref="Sampling.NegativeKind.Random"/>.</param>
/// <param name="ExtraImageIds">[K] image ids of <paramref name="ExtraImages"/>.</param>
/// <param name="ExtraTexts">[K, D] sentences drawn from the training set, the annotation negatives of <see cref="Sampling.NegativeKind.Random"/>.</param>
/// <param name="ExtraTextImageIds">[K] id of the image each of <paramref name="ExtraTexts"/> describes.</param>
/// <param name="SentenceKeys">[B] a key per pair's sentence, equal keys for the same sentence (icon sets repeat
/// "home" across dozens of images): a candidate whose sentence is the anchor's is not a negative either, in the
/// annotation term (sentence j is sentence i) and the search term (pair j's sentence is sentence i). Null masks by
/// image only.</param>
/// <param name="ExtraImageSentenceKeys">[K] for each of <paramref name="ExtraImages"/>, the key of its sentence that a
/// search anchor must not be pushed away from; needed with <paramref name="SentenceKeys"/> when extras are used.
/// A key no pair has (e.g. -1) masks nothing.</param>
/// <param name="ExtraTextSentenceKeys">[K] the sentence key of each of <paramref name="ExtraTexts"/>; needed with
/// <paramref name="SentenceKeys"/> when extras are used.</param>
public sealed record RankingBatch(
    Tensor Images,
    Tensor Texts,
    long[] ImageIds,
    Tensor? ExtraImages = null,
    long[]? ExtraImageIds = null,
    Tensor? ExtraTexts = null,
    long[]? ExtraTextImageIds = null,
    long[]? SentenceKeys = null,
    long[]? ExtraImageSentenceKeys = null,
    long[]? ExtraTextSentenceKeys = null);
