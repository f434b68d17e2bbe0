using System.ComponentModel;
using Itm.Model.Catalog;
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

    [CommandOption("--text <MODEL>")]
    [EncoderDescription(EncoderChannel.Text, "Text encoder")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Text.Model")]
    public override string Text { get; init; } = LibraryDefaults.Model.Text.Model.Name;

    [CommandOption("--dropout <P>")]
    [Description(DropoutDescription)]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Text.Dropout")]
    public override double Dropout { get; init; } = LibraryDefaults.Model.Text.Dropout;

    [CommandOption("--seeds <N>")]
    [Description("Seeds per configuration (--seed, --seed + 1, ...).")]
    [DefaultFrom(typeof(StudyOptions), "Seeds")]
    public int Seeds { get; init; } = (int)DefaultFromAttribute.Read(typeof(StudyOptions), "Seeds")!;

    [CommandOption("--budget <MINUTES>")]
    [Description("Start no run that would end past this many minutes (runs already done don't count).")]
    public double? Budget { get; init; }

    [CommandOption("--sweeps <LIST>")]
    [Description("Which factors to vary, comma-separated: text, objective, direction, image.")]
    [DefaultFrom(typeof(StudyOptions), "Sweeps")]
    public string Sweeps { get; init; } = DefaultFromAttribute.ReadText(typeof(StudyOptions), "Sweeps");

    [CommandOption("--texts <LIST>")]
    [Description("Text encoders of the text sweep, by catalog name (see itm train --help).")]
    [DefaultFrom(typeof(StudyOptions), "Texts")]
    public string Texts { get; init; } = DefaultFromAttribute.ReadText(typeof(StudyOptions), "Texts");

    [CommandOption("--objectives <LIST>")]
    [Description("LOSS/NEGATIVES pairs of the objective sweep, e.g. infonce/inbatch,sum/semihard,hardest/inbatch,infonce/global,sum/random:256.")]
    [DefaultFrom(typeof(StudyOptions), "Objectives")]
    public string Objectives { get; init; } = DefaultFromAttribute.ReadText(typeof(StudyOptions), "Objectives");

    [CommandOption("--directions <LIST>")]
    [Description("Directions of the direction sweep: both, search, annotate.")]
    [DefaultFrom(typeof(StudyOptions), "Directions")]
    public string Directions { get; init; } = DefaultFromAttribute.ReadText(typeof(StudyOptions), "Directions");

    [CommandOption("--direction-objectives <LIST>")]
    [Description("LOSS/NEGATIVES of the direction sweeps, one sweep each: a specialised run gives these negatives to its own direction (the other keeps its in-batch term at --counter-weight). Append +counter:W to weight the other direction W instead, or +prior for both directions plus a learned query prior.")]
    [DefaultFrom(typeof(StudyOptions), "DirectionObjectives")]
    public string DirectionObjectives { get; init; } = DefaultFromAttribute.ReadText(typeof(StudyOptions), "DirectionObjectives");

    [CommandOption("--image-models <LIST>")]
    [Description("Image encoders of the image sweep, by catalog name (see itm train --help).")]
    [DefaultFrom(typeof(StudyOptions), "Images")]
    public string ImageModels { get; init; } = DefaultFromAttribute.ReadText(typeof(StudyOptions), "Images");

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
            Images = [.. List(ImageModels).Select(EncoderCatalog.FindImage)],
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
