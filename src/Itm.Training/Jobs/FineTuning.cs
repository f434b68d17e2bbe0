using Itm.Data;
using Itm.Model.Catalog;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Model.TextInputs;
using TorchSharp;

namespace Itm.Training.Jobs;

/// <summary>
/// Starting a training run from a trained model's weights: the run keeps that model's encoders, widths and text
/// featurizer ids (what its weights were trained on), gives the words and n-grams the new data adds rows of their own
/// after them (or, asked to keep the featurizer, reads them as unknown), and trains every weight on the new data.
/// </summary>
public static class FineTuning
{
    /// <summary>
    /// The model options of the folder at <paramref name="modelDir"/>: what a run that starts from its weights builds.
    /// Dropout is not part of the weights, so <paramref name="dropout"/> (when given) replaces both channels'; so does
    /// <paramref name="text"/> the text encoder where it extends the folder's (<see cref="TextEncoderSpec.Extends"/>: an
    /// n-gram bag from a bag of words), and is ignored where it does not.
    /// </summary>
    /// <exception cref="ModelFolderException">The folder is not a readable model folder.</exception>
    public static JointEmbeddingOptions ModelOptions(string modelDir, double? dropout = null, TextEncoderSpec? text = null)
    {
        var joint = ModelFolder.ReadManifest(modelDir).Joint;
        if (text is not null && text.Extends(joint.Text.Model))
        {
            joint = joint with { Text = joint.Text with { Model = text } };
        }

        return dropout is not { } p ? joint : joint with { Text = joint.Text with { Dropout = p }, Image = joint.Image with { Dropout = p } };
    }

    /// <summary>The initial model of <paramref name="options"/>, checked against the model the run builds.</summary>
    /// <exception cref="ArgumentException">The run's encoders or widths differ from the folder's; the message names both.</exception>
    internal static LoadedModel Load(TrainJobOptions options)
    {
        string dir = options.InitFrom ?? throw new ArgumentException("The run has no initial model.", nameof(options));
        var loaded = ModelFolder.Load(dir);
        var init = loaded.Manifest.Joint;
        var run = options.Model;
        var extended = run.Text.Model.Extends(init.Text.Model) ? init with { Text = init.Text with { Model = run.Text.Model } } : init;
        if (WithoutDropout(extended) != WithoutDropout(run))
        {
            loaded.Dispose();
            throw new ArgumentException(
                $"The run builds {Describe(run)}, but the model at {dir} is {Describe(init)}: fine-tuning keeps the initial model's encoders and widths " +
                "(FineTuning.ModelOptions reads them; `itm train --init` uses them).", nameof(options));
        }

        if (options.InitFeatures == InitialFeatures.Keep && !ReferenceEquals(run.Text.Model, init.Text.Model))
        {
            loaded.Dispose();
            throw new ArgumentException(
                $"Keeping the featurizer of the model at {dir} reads sentences as its {init.Text.Model.Name} text encoder does, not as {run.Text.Model.Name}: " +
                "extend the featurizer, or keep the initial model's text encoder.", nameof(options));
        }

        return loaded;
    }

    /// <summary>Checks that the run's image inputs are the ones the initial model was trained on.</summary>
    internal static void CheckImageInputs(LoadedModel init, ImageInputSource source)
    {
        if (source.Fingerprint != init.Manifest.ImageInput.Fingerprint)
        {
            throw new ModelFolderException(
                $"The initial model was trained on {init.Manifest.ImageInput.Extractor} inputs with fingerprint {init.Manifest.ImageInput.Fingerprint}, " +
                $"but this run computes {source.Name} inputs with fingerprint {source.Fingerprint}; its weights would not fit them.");
        }
    }

    /// <summary>The initial weights' SHA-256, which a checkpoint of the run must have started from to be resumed.</summary>
    internal static string WeightsHash(LoadedModel init, string modelDir) =>
        init.Manifest.WeightsSha256 ?? ModelFolder.HashWeights(Path.Combine(ModelFolder.Locate(modelDir), ModelFolder.WeightsFile));

    /// <summary>
    /// How the run reads sentences: the initial model's featurizer, extended (<see cref="InitialFeatures.Extend"/>) by
    /// the features a fresh run would build from <paramref name="train"/> that it lacks; a pretrained sentence encoder
    /// alone is the initial model's. The result is the initial model's own source when the run keeps its featurizer or
    /// it has none, and a new one (the caller's to dispose) otherwise.
    /// </summary>
    internal static TextInputSource Text(LoadedModel init, TrainJobOptions options, IReadOnlyList<CaptionedImage> train, IProgress<JobEvent>? progress)
    {
        if (options.InitFeatures == InitialFeatures.Keep || init.Text.Featurizer is not { } initial)
        {
            return init.Text;
        }

        var text = options.Model.Text;
        return JobInputs.CreateText(text, () => initial.ExtendedWith(TextFeaturizerFactory.Build(text, train)), progress,
            count => $"{initial.FeatureCount:N0} of the initial model's and {count - initial.FeatureCount:N0} new");
    }

    /// <summary>
    /// Copies the initial model's weights into the run's model, built from the same options: every key and shape agree,
    /// except that a feature table (<c>[features, width]</c>) may have grown by the rows of the features the run added
    /// (<see cref="Text"/>). Those rows start at zero, so the run starts from the initial model's reading of every
    /// sentence (a random start would shift every sentence with a new word before a step is taken); training moves them.
    /// </summary>
    /// <exception cref="ModelFolderException">A key is missing on either side, or a shape differs otherwise.</exception>
    internal static void CopyWeights(LoadedModel init, JointEmbeddingModel model)
    {
        using var scope = torch.NewDisposeScope();
        var initial = init.Model.state_dict();
        var target = model.state_dict();
        if (initial.Keys.Except(target.Keys).Concat(target.Keys.Except(initial.Keys)).FirstOrDefault() is { } unmatched)
        {
            throw new ModelFolderException($"The initial model and the run's differ in {unmatched}: their modules are not the same.");
        }

        using var noGrad = torch.no_grad();
        foreach (var (key, weights) in initial)
        {
            var into = target[key];
            if (weights.shape.SequenceEqual(into.shape))
            {
                into.copy_(weights);
            }
            else if (weights.dim() == into.dim() && weights.shape.Skip(1).SequenceEqual(into.shape.Skip(1)) && weights.shape[0] < into.shape[0])
            {
                into[..(int)weights.shape[0]].copy_(weights);
                into[(int)weights.shape[0]..].zero_();
            }
            else
            {
                throw new ModelFolderException(
                    $"{key} is [{string.Join(", ", weights.shape)}] in the initial model but [{string.Join(", ", into.shape)}] in the run's.");
            }
        }
    }

    /// <summary>The options that decide the modules and their shapes: all but the dropout rates.</summary>
    private static JointEmbeddingOptions WithoutDropout(JointEmbeddingOptions o) =>
        o with { Text = o.Text with { Dropout = 0 }, Image = o.Image with { Dropout = 0, QuartersDropout = 0 } };

    private static string Describe(JointEmbeddingOptions o) =>
        $"{o.Text.Model.Name} × {o.Image.Model.Name}, {o.Dim}-d (text widths {o.Text.HiddenDim}/{o.Text.WordDim}/{o.Text.GruDim}, image {o.Image.HiddenDim}, {o.Image.PixelSize} px, prior {o.Prior.ToString().ToLowerInvariant()})";
}
