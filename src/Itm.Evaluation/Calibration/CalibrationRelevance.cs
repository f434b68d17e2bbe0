namespace Itm.Evaluation.Calibration;

/// <summary>Which (sentence, image) pairs a calibration counts as relevant: what its probability is a probability of.</summary>
public enum CalibrationRelevance
{
    /// <summary>
    /// Only the image the sentence was written for (the retrieval protocol's relevance; calibration files of format
    /// version 1). Every other image counts as wrong, even one that shows just what the sentence says.
    /// </summary>
    SameImage,

    /// <summary>
    /// Every image with a caption that says all the sentence says (its content words, singular, all among that
    /// caption's): what a user searching with the sentence would accept.
    /// </summary>
    CaptionTerms,

    /// <summary>
    /// Synthetic scenes only: every image whose scene (<c>scenes.json</c>) shows the objects, colours, shapes, sizes and
    /// relations the sentence names. Exact where caption-terms is not: it tells "a red circle left of a blue square"
    /// from its colour-swapped twin.
    /// </summary>
    Scenes,
}

/// <summary>The names of <see cref="CalibrationRelevance"/> in <c>calibration.json</c> and on the command line.</summary>
public static class CalibrationRelevanceNames
{
    public static string Of(CalibrationRelevance relevance) => relevance switch
    {
        CalibrationRelevance.SameImage => "same-image",
        CalibrationRelevance.CaptionTerms => "caption-terms",
        CalibrationRelevance.Scenes => "scenes",
        _ => throw new ArgumentOutOfRangeException(nameof(relevance), relevance, null),
    };

    /// <summary>The relevance named <paramref name="name"/>, or null for a name that is none.</summary>
    public static CalibrationRelevance? Parse(string name) => name switch
    {
        "same-image" => CalibrationRelevance.SameImage,
        "caption-terms" => CalibrationRelevance.CaptionTerms,
        "scenes" => CalibrationRelevance.Scenes,
        _ => null,
    };
}
