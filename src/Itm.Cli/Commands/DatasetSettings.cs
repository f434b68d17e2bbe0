using System.ComponentModel;
using Itm.Data.Readers;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>Options shared by every command that reads a dataset.</summary>
public class DatasetSettings : CommandSettings
{
    [CommandOption("--data <PATH>")]
    [Description("Dataset: Karpathy JSON, COCO captions JSON, Flickr8k.token.txt, or a folder with captions.jsonl.")]
    public string? Data { get; init; }

    [CommandOption("--images <ROOT>")]
    [Description("Folder the dataset's image paths are relative to (default: the dataset file's folder).")]
    public string? Images { get; init; }

    [CommandOption("--skip-invalid")]
    [Description("Skip and count bad items (missing image, empty caption, duplicate id) instead of stopping.")]
    public bool SkipInvalid { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Image feature cache folder (default: $ITM_CACHE or ~/.cache/itm).")]
    public string? Cache { get; init; }

    public DatasetReadOptions ReadOptions => new() { ImagesRoot = Images, SkipInvalid = SkipInvalid };

    public override Spectre.Console.ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Data)
            ? Spectre.Console.ValidationResult.Error("--data is required: the dataset to read.")
            : Spectre.Console.ValidationResult.Success();
}
