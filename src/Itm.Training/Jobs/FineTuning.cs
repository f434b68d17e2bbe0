using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;

namespace Itm.Training.Jobs;

/// <summary>
/// Starting a training run from a trained model's weights: the run keeps that model's encoders, widths and text
/// featurizer (its ids are what the weights were trained on; words the new data adds map to the unknown id), and
/// trains every weight on the new data.
/// </summary>
public static class FineTuning
{
    /// <summary>
    /// The model options of the folder at <paramref name="modelDir"/>: what a run that starts from its weights builds.
    /// Dropout is not part of the weights, so <paramref name="dropout"/> (when given) replaces both channels'.
    /// </summary>
    /// <exception cref="ModelFolderException">The folder is not a readable model folder.</exception>
    public static JointEmbeddingOptions ModelOptions(string modelDir, double? dropout = null)
    {
        var joint = ModelFolder.ReadManifest(modelDir).Joint;
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
        if (WithoutDropout(init) != WithoutDropout(run))
        {
            loaded.Dispose();
            throw new ArgumentException(
                $"The run builds {Describe(run)}, but the model at {dir} is {Describe(init)}: fine-tuning keeps the initial model's encoders and widths " +
                "(FineTuning.ModelOptions reads them; `itm train --init` uses them).", nameof(options));
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

    /// <summary>Copies the initial model's weights into the run's model (built from the same options, so every key and shape agree).</summary>
    internal static void CopyWeights(LoadedModel init, JointEmbeddingModel model)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        model.load_state_dict(init.Model.state_dict(), strict: true);
    }

    /// <summary>The options that decide the modules and their shapes: all but dropout.</summary>
    private static JointEmbeddingOptions WithoutDropout(JointEmbeddingOptions o) =>
        o with { Text = o.Text with { Dropout = 0 }, Image = o.Image with { Dropout = 0 } };

    private static string Describe(JointEmbeddingOptions o) =>
        $"{o.Text.Model.Name} × {o.Image.Model.Name}, {o.Dim}-d (text widths {o.Text.HiddenDim}/{o.Text.WordDim}/{o.Text.GruDim}, image {o.Image.HiddenDim}, {o.Image.PixelSize} px, prior {o.Prior.ToString().ToLowerInvariant()})";
}
