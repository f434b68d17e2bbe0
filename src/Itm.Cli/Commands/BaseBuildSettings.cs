using System.ComponentModel;
using Itm.Data.Images;
using Itm.Model.Features;
using Itm.Model.Persistence;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>
/// The options of <c>itm base build</c>: those of <c>itm train</c> with their defaults (the base model is the default
/// configuration trained on the <c>base</c> recipe), except the text encoder (<see cref="BaseModel.TextEncoder"/>), the size of
/// its word bag (<see cref="BaseModel.MaxFeatures"/>), the dropout (<see cref="BaseModel.Dropout"/>), the precision of
/// the pretrained networks (<see cref="BaseModel.TextPrecision"/>, <see cref="BaseModel.ImagePrecision"/>), the image
/// views (<see cref="BaseModel.Views"/>) and their quarters dropout (<see cref="BaseModel.QuartersDropout"/>), and
/// a dataset and an output folder that default to the repository's.
/// </summary>
public sealed class BaseBuildSettings : ModelTrainingSettings
{
    /// <summary>Where <c>itm base build</c> prepares the <c>base</c> recipe unless it is there already.</summary>
    public const string DefaultData = "data/base/dataset.json";

    public BaseBuildSettings()
    {
        Data = DefaultData;
    }

    [CommandOption("--out <DIR>")]
    [Description("Model folder to write; models/base is the one the repository ships and `--model base` reads.")]
    [DefaultValue(BaseModel.RelativeFolder)]
    public override string? Out { get; init; } = BaseModel.RelativeFolder;

    [CommandOption("--text <MODEL>")]
    [EncoderDescription(EncoderChannel.Text, "Text encoder")]
    [DefaultValue(BaseModel.TextEncoder)]
    public override string Text { get; init; } = BaseModel.TextEncoder;

    [CommandOption("--dropout <P>")]
    [Description(DropoutDescription)]
    [DefaultValue(BaseModel.Dropout)]
    public override double Dropout { get; init; } = BaseModel.Dropout;

    protected override PretrainedPrecision DefaultImagePrecision => BaseModel.ImagePrecision;

    protected override PretrainedPrecision DefaultTextPrecision => BaseModel.TextPrecision;

    protected override ImageViews DefaultImageViews => BaseModel.Views;

    protected override double DefaultQuartersDropout => BaseModel.QuartersDropout;

    protected override int DefaultMaxFeatures => BaseModel.MaxFeatures;

    protected override string OutMeaning => "the base model folder to write";
}
