using Itm.Data;
using Itm.Data.Text;
using Itm.Model.JointEmbedding;

namespace Itm.Training.Jobs;

/// <summary>Builds the featurizer a text model reads, from the TRAINING split only (no test words leak in).</summary>
public static class TextFeaturizerFactory
{
    /// <exception cref="InvalidOperationException">The text encoder reads no featurized ids (a pretrained sentence encoder).</exception>
    public static ITextFeaturizer Build(TextEncoderOptions options, IEnumerable<CaptionedImage> trainImages)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sentences = trainImages.SelectMany(i => i.Captions).Select(c => c.Tokens).ToList();
        return options.Model.BuildFeaturizer(options, sentences);
    }
}
