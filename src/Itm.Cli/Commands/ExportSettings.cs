using System.ComponentModel;
using Itm.Search.Export;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm export</c>.</summary>
public sealed class ExportSettings : CommandSettings
{
    [CommandOption("--db <INDEX_DIR>")]
    [Description("Index folder written by itm index: its image and caption vectors are written as .npy with parquet metadata (clip-retrieval's layout), and its model as ONNX.")]
    public string? Db { get; init; }

    [CommandOption("--model <DIR>")]
    [Description("Model folder to export as ONNX, or base (default: the index's model). Without --db, only the model is exported.")]
    public string? Model { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Export folder (created if missing; files of an earlier export there are replaced).")]
    public string? Out { get; init; }

    [CommandOption("--no-onnx")]
    [Description("Write only the embeddings and metadata, not the ONNX encoders.")]
    public bool NoOnnx { get; init; }

    [CommandOption("--no-captions")]
    [Description("Leave the index's caption corpus out.")]
    public bool NoCaptions { get; init; }

    [CommandOption("--relative-paths")]
    [Description("Write image paths relative to the indexed folder instead of absolute.")]
    public bool RelativePaths { get; init; }

    [CommandOption("--json")]
    [Description("Print what was written as JSON.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required: the folder to export into.")
        : string.IsNullOrWhiteSpace(Db) && string.IsNullOrWhiteSpace(Model)
            ? ValidationResult.Error("Give --db INDEX_DIR (its embeddings and model) or --model DIR (the model's ONNX encoders), or both.")
        : string.IsNullOrWhiteSpace(Db) && NoOnnx ? ValidationResult.Error("--no-onnx with only --model leaves nothing to export: add --db INDEX_DIR.")
        : ValidationResult.Success();

    public ExportJobOptions ToJobOptions() => new()
    {
        OutDir = Out!,
        IndexDir = Db,
        ModelDir = Model,
        Onnx = !NoOnnx,
        Captions = !NoCaptions,
        AbsolutePaths = !RelativePaths,
    };
}
