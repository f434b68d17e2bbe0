namespace Itm.Model.TextEncoders;

/// <summary>
/// A frozen pretrained sentence encoder used as a feature extractor: raw sentences in, one fixed-length vector each
/// out (the text twin of <see cref="ImageEncoders.IImageFeatureExtractor"/>). The trained part of itm, the projection
/// into the joint space, sits on top of these vectors.
/// </summary>
public interface ISentenceFeatureExtractor
{
    /// <summary>Short registry name, such as "minilm".</summary>
    string Name { get; }

    /// <summary>Length of every vector <see cref="Extract"/> returns.</summary>
    int Dimension { get; }

    /// <summary>
    /// Changes whenever the vector of the same sentence could change (another model file, vocabulary or pooling).
    /// Sentence-vector caches and model manifests key on it.
    /// </summary>
    string Fingerprint { get; }

    /// <summary>One vector per sentence, in the order given; reports the number of sentences done after each batch.</summary>
    float[][] Extract(IReadOnlyList<string> sentences, IProgress<int>? progress, CancellationToken cancellationToken);
}
