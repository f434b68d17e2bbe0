namespace Itm.Model.JointEmbedding;

/// <summary>The text channel's model.</summary>
public enum TextModel
{
    /// <summary>Bag of words + MLP.</summary>
    Bow,

    /// <summary>Bag of words and n-grams + MLP (bigram, trigram, trigram + skip-gram).</summary>
    Ngram,

    /// <summary>Sequence encoder: word embeddings + bidirectional GRU.</summary>
    Sse,

    /// <summary>Frozen pretrained all-MiniLM-L6-v2 sentence vectors (384-d) + a trained MLP head (beyond the paper).</summary>
    Minilm,
}

/// <summary>The image channel's model.</summary>
public enum ImageModel
{
    /// <summary>Frozen pretrained ResNet18 features (ONNX) + a trained MLP head.</summary>
    ResNet18,

    /// <summary>A small CNN trained from scratch on pixels.</summary>
    ConvNet,

    /// <summary>
    /// Pretrained ResNet18 with its last residual block fine-tuned (from the cached input of that block) + the MLP head
    /// of <see cref="ResNet18"/>; the CLI spells it <c>resnet18tune</c>.
    /// </summary>
    ResNet18Tune,
}
