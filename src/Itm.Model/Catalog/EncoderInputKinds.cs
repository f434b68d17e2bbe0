namespace Itm.Model.Catalog;

/// <summary>What a text encoder reads for each sentence.</summary>
public enum TextInputKind
{
    /// <summary>The set of feature ids (words, n-grams) its featurizer gives; order does not matter.</summary>
    FeatureIds,

    /// <summary>Word ids in sentence order, from its vocabulary.</summary>
    WordSequence,

    /// <summary>A frozen pretrained sentence encoder's vector of the raw sentence.</summary>
    SentenceVectors,

    /// <summary>Both the feature ids of its featurizer and a frozen pretrained sentence encoder's vector.</summary>
    FeatureIdsAndSentenceVectors,
}

/// <summary>What an image encoder reads for each image.</summary>
public enum ImageInputKind
{
    /// <summary>A frozen pretrained CNN's pooled feature vector, cached on disk.</summary>
    PooledFeatures,

    /// <summary>A frozen pretrained CNN's feature maps at the input of a block the encoder fine-tunes, cached on disk.</summary>
    BlockInput,

    /// <summary>A frozen pretrained CNN's last feature maps, where its final pooling reads them, cached on disk.</summary>
    FinalMaps,

    /// <summary>Normalised pixels, cached on disk.</summary>
    Pixels,
}
