using Itm.Data;
using Itm.Data.Text;
using Itm.Model.JointEmbedding;

namespace Itm.Training.Jobs;

/// <summary>Builds the featurizer a text model reads, from the TRAINING split only (no test words leak in).</summary>
public static class TextFeaturizerFactory
{
    public static ITextFeaturizer Build(TextEncoderOptions options, IEnumerable<CaptionedImage> trainImages)
    {
        if (options.Model == TextModel.Minilm)
        {
            throw new ArgumentException("minilm reads raw sentences through its pretrained encoder; it has no featurizer to build.", nameof(options));
        }

        var sentences = trainImages.SelectMany(i => i.Captions).Select(c => c.Tokens).ToList();
        return options.BagScheme is { } scheme
            ? NGramFeaturizer.Build(scheme, sentences)
            : new SequenceFeaturizer(Vocabulary.Build(sentences, options.MinCount), options.MaxTokens);
    }
}
