using System.ComponentModel;
using Itm.Data;
using Itm.Evaluation.Calibration;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm calibrate</c>.</summary>
public sealed class CalibrateSettings : DatasetSettings
{
    [CommandOption("--model <DIR>")]
    [Description("Model folder written by itm train: its calibration.json is written (or replaced).")]
    public string? Model { get; init; }

    [CommandOption("--split <SPLIT>")]
    [Description("The split to fit on: val keeps test held out for itm eval.")]
    [DefaultFrom(typeof(CalibrateJobOptions), "Split")]
    public Split Split { get; init; } = (Split)DefaultFromAttribute.Read(typeof(CalibrateJobOptions), "Split")!;

    [CommandOption("--method <METHOD>")]
    [Description("auto (isotonic with enough relevant pairs, else platt), platt (a logistic curve) or isotonic (monotone steps).")]
    [DefaultFrom(typeof(CalibrateJobOptions), "Method")]
    public CalibrationMethod Method { get; init; } = (CalibrationMethod)DefaultFromAttribute.Read(typeof(CalibrateJobOptions), "Method")!;

    [CommandOption("--relevance <RELEVANCE>")]
    [Description("Which images count as right for a query: caption-terms (every image with a caption that says all the query says), scenes (synthetic datasets: every scene with the named objects in the named relations) or same-image (only the image the caption was written for). Default: scenes for a dataset with a scenes.json beside it, else caption-terms.")]
    [TypeConverter(typeof(CalibrationRelevanceConverter))]
    public CalibrationRelevance? Relevance { get; init; } = new CalibrateJobOptions { ModelDir = string.Empty, DatasetPath = string.Empty }.Relevance;

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        return !result.Successful ? result
            : string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model is required: the model folder to calibrate.")
            : ValidationResult.Success();
    }

    public CalibrateJobOptions ToJobOptions() => new()
    {
        ModelDir = Model!,
        DatasetPath = Data!,
        ReadOptions = ReadOptions,
        Split = Split,
        CacheDir = Cache,
        Method = Method,
        Relevance = Relevance,
    };
}
