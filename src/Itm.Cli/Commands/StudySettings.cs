using System.ComponentModel;
using Itm.Model.JointEmbedding;
using Itm.Model.Sampling;
using Itm.Training.Study;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>
/// The options of <c>itm study</c>: the base configuration (every <c>itm train</c> option), the sweeps around it, the
/// seeds and the time budget.
/// </summary>
public sealed class StudySettings : ModelTrainingSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Report folder: report.md, results.json, plots, and one model folder per run under runs/ (a re-run resumes).")]
    public override string? Out { get; init; }

    [CommandOption("--seeds <N>")]
    [Description("Seeds per configuration (--seed, --seed + 1, ...).")]
    [DefaultValue(3)]
    public int Seeds { get; init; } = 3;

    [CommandOption("--budget <MINUTES>")]
    [Description("Start no run that would end past this many minutes (runs already done don't count).")]
    public double? Budget { get; init; }

    [CommandOption("--sweeps <LIST>")]
    [Description("Which factors to vary, comma-separated: text, objective, direction, image.")]
    [DefaultValue("text,objective,direction,image")]
    public string Sweeps { get; init; } = "text,objective,direction,image";

    [CommandOption("--texts <LIST>")]
    [Description("Text models of the text sweep: bow, ngram:2, ngram:3, ngram:3+skip, sse, minilm.")]
    [DefaultValue("bow,ngram:2,ngram:3,ngram:3+skip,sse")]
    public string Texts { get; init; } = "bow,ngram:2,ngram:3,ngram:3+skip,sse";

    [CommandOption("--objectives <LIST>")]
    [Description("LOSS/NEGATIVES pairs of the objective sweep, e.g. infonce/inbatch,sum/semihard,hardest/inbatch,infonce/global,sum/random:256.")]
    [DefaultValue("infonce/inbatch,sum/inbatch,hardest/inbatch,infonce/global")]
    public string Objectives { get; init; } = "infonce/inbatch,sum/inbatch,hardest/inbatch,infonce/global";

    [CommandOption("--directions <LIST>")]
    [Description("Directions of the direction sweep: both, search, annotate.")]
    [DefaultValue("both,search,annotate")]
    public string Directions { get; init; } = "both,search,annotate";

    [CommandOption("--direction-objectives <LIST>")]
    [Description("LOSS/NEGATIVES of the direction sweeps, one sweep each: a specialised run gives these negatives to its own direction (the other keeps its in-batch term at --counter-weight). Append +counter:W to weight the other direction W instead, or +prior for both directions plus a learned query prior.")]
    [DefaultValue("hardest/inbatch,infonce/global")]
    public string DirectionObjectives { get; init; } = "hardest/inbatch,infonce/global";

    [CommandOption("--image-models <LIST>")]
    [Description("Image models of the image sweep: resnet18, resnet18tune, convnet.")]
    [DefaultValue("resnet18,resnet18tune,convnet")]
    public string ImageModels { get; init; } = "resnet18,resnet18tune,convnet";

    [CommandOption("--report-only")]
    [Description("Train nothing: redraw the report from the runs already done (the others are listed as not run yet).")]
    public bool ReportOnly { get; init; }

    protected override string OutMeaning => "the report folder to write";

    public override ValidationResult Validate()
    {
        var result = base.Validate();
        if (!result.Successful)
        {
            return result;
        }

        try
        {
            _ = StudyGrid.Build(ToStudyOptions([]));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return ValidationResult.Error(e.Message);
        }

        return ValidationResult.Success();
    }

    /// <param name="args">The command line after the tool's name (<c>study --data ...</c>), quoted in the report so it can be reproduced.</param>
    public StudyOptions ToStudyOptions(IReadOnlyList<string> args)
    {
        var job = ToJobOptions();
        var options = new StudyOptions
        {
            DatasetPath = job.DatasetPath,
            OutDir = job.OutDir,
            ReadOptions = job.ReadOptions,
            CacheDir = job.CacheDir,
            BaseModel = job.Model,
            BaseTrainer = job.Trainer,
            Seeds = Seeds,
            Budget = Budget is double minutes ? TimeSpan.FromMinutes(minutes) : null,
            Sweeps = [.. List(Sweeps).Select(s => ParseEnum<StudySweepKind>(s, "--sweeps"))],
            Texts = List(Texts),
            Objectives = List(Objectives),
            Directions = [.. List(Directions).Select(s => ParseEnum<Direction>(s, "--directions"))],
            Images = [.. List(ImageModels).Select(s => ParseEnum<ImageModel>(s, "--image-models"))],
            DirectionObjectives = List(DirectionObjectives),
            ReportOnly = ReportOnly,
            // The command that finishes the study: --report-only only redraws it.
            Command = "./itm " + string.Join(' ', args.Where(a => a != "--report-only").Select(Quote)),
        };
        options.Validate();
        return options;
    }

    private static string[] List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T ParseEnum<T>(string text, string option)
        where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: true, out T value) && Enum.IsDefined(value) && !int.TryParse(text, out _)
            ? value
            : throw new FormatException($"{option}: unknown value '{text}'; expected {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");

    private static string Quote(string arg) => arg.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '$' or '*')
        ? "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
        : arg;
}
