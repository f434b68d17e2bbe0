using System.ComponentModel;
using Itm.Model.JointEmbedding;
using Itm.Training.Jobs;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm train</c>: the model and training options and the model folder to write.</summary>
public sealed class TrainSettings : ModelTrainingSettings
{
    private readonly string? text;

    [CommandOption("--out <DIR>")]
    [Description("Model folder to write (a run resumes from it if interrupted).")]
    public override string? Out { get; init; }

    [CommandOption("--text <MODEL>")]
    [EncoderDescription(EncoderChannel.Text, "Text encoder")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Text.Model")]
    public override string Text { get => text ?? LibraryDefaults.Model.Text.Model.Name; init => text = value; }

    [CommandOption("--dropout <P>")]
    [Description(DropoutDescription)]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Text.Dropout")]
    public override double Dropout { get; init; } = LibraryDefaults.Model.Text.Dropout;

    [CommandOption("--init <MODEL_DIR>")]
    [Description("Start from this model's weights (fine-tuning; base: the shipped base model): its encoders, dimension and widths are kept, so --image, --dim and --pixels do not apply, and --text, when given, only where it extends the initial text channel (minilm+ngram-3+skip extends the base model's minilm+bow: the same modules, its words keep their rows, the new data's n-grams get new ones).")]
    public string? Init { get; init; }

    [CommandOption("--init-features <WHICH>")]
    [Description("With --init: extend gives the words and n-grams of the new data that the initial model's table lacks rows of their own; keep reads them as unknown words.")]
    [DefaultFrom(typeof(TrainJobOptions), "InitFeatures")]
    public InitialFeatures InitFeatures { get; init; } = (InitialFeatures)DefaultFromAttribute.Read(typeof(TrainJobOptions), "InitFeatures")!;

    protected override string OutMeaning => "the model folder to write";

    protected override string? InitModelDir => Init;

    protected override InitialFeatures InitFeatureRule => InitFeatures;

    protected override string? TextAsked => text;
}
