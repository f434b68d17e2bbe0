using System.ComponentModel;
using Itm.Model.JointEmbedding;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm train</c>: the model and training options and the model folder to write.</summary>
public sealed class TrainSettings : ModelTrainingSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Model folder to write (a run resumes from it if interrupted).")]
    public override string? Out { get; init; }

    [CommandOption("--text <MODEL>")]
    [EncoderDescription(EncoderChannel.Text, "Text encoder")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Text.Model")]
    public override string Text { get; init; } = LibraryDefaults.Model.Text.Model.Name;

    [CommandOption("--init <MODEL_DIR>")]
    [Description("Start from this model's weights (fine-tuning; base: the shipped base model): its encoders, dimension, widths and text featurizer are kept, so --text, --image, --dim and --pixels do not apply.")]
    public string? Init { get; init; }

    protected override string OutMeaning => "the model folder to write";

    protected override string? InitModelDir => Init;
}
