using System.ComponentModel;
using Itm.Data;
using Itm.Data.Ranking;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm eval</c>.</summary>
public sealed class EvalSettings : DatasetSettings
{
    [CommandOption("--model <DIR>")]
    [Description("Model folder written by itm train, or base (the shipped base model).")]
    public string? Model { get; init; }

    [CommandOption("--split <SPLIT>")]
    [Description("train, val or test.")]
    [DefaultFrom(typeof(EvalJobOptions), "Split")]
    public Split Split { get; init; } = (Split)DefaultFromAttribute.Read(typeof(EvalJobOptions), "Split")!;

    [CommandOption("--json <FILE>")]
    [Description("Also write the results as JSON (the format in DESIGN.md).")]
    public string? Json { get; init; }

    [CommandOption("--reliability <PNG>")]
    [Description("Also draw the calibration's reliability curve on this split as a PNG (a model with a calibration.json).")]
    public string? Reliability { get; init; }

    [CommandOption("--folds <N>")]
    [Description("Also report the mean over folds of N images (COCO 1K: --folds 1000).")]
    public int? Folds { get; init; }

    [CommandOption("--leave-out <FOLDER>")]
    [Description("Also judge P(any match) on answerable and unanswerable queries: search the split without the images under these folders (repeatable, e.g. --leave-out animals/mammals/dogs), so queries whose every relevant image is there have no answer.")]
    public string[] LeaveOut { get; init; } = [];

    [CommandOption("--leave-out-scenes <SENTENCE>")]
    [Description("Synthetic datasets: as --leave-out, without every scene this sentence is true of (repeatable, e.g. --leave-out-scenes \"a red circle\").")]
    public string[] LeaveOutScenes { get; init; } = [];

    [CommandOption("--centre <HOW>")]
    [Description("collection or none: whether the split's image vectors are centred on their mean before scoring, as itm index --centre would centre an index of them. Default: collection with the base model, none with a model you trained.")]
    public ImageCentring? Centre { get; init; }

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }

        return string.IsNullOrWhiteSpace(Model)
            ? ValidationResult.Error("--model is required: the model folder to evaluate.")
            : Folds is <= 0 ? ValidationResult.Error("--folds must be positive.") : ValidationResult.Success();
    }

    public EvalJobOptions ToJobOptions() => new()
    {
        ModelDir = Model!,
        DatasetPath = Data!,
        ReadOptions = ReadOptions,
        Split = Split,
        CacheDir = Cache,
        FoldSize = Folds,
        LeaveOut = LeaveOut,
        LeaveOutScenes = LeaveOutScenes,
        Centring = Centre,
    };
}
