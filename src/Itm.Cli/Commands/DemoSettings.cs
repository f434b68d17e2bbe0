using System.ComponentModel;
using Itm.Server;
using Itm.Training;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm demo</c>; every one has a default, so <c>./itm demo</c> needs none.</summary>
public sealed class DemoSettings : CommandSettings
{
    [CommandOption("--data-dir <DIR>")]
    [Description("Where the OpenClipart dataset is prepared (reused when present).")]
    [DefaultValue("data/openclipart")]
    public string DataDir { get; init; } = "data/openclipart";

    [CommandOption("--model-dir <DIR>")]
    [Description("Where the base model is fine-tuned on OpenClipart (an interrupted demo resumes; a finished one is reused).")]
    [DefaultValue("models/demo")]
    public string ModelDir { get; init; } = "models/demo";

    [CommandOption("--epochs <N>")]
    [DefaultFrom(typeof(TrainerOptions), "Epochs")]
    public int Epochs { get; init; } = LibraryDefaults.Trainer.Epochs;

    [CommandOption("--examples <N>")]
    [Description("How many example queries to show in each direction.")]
    [DefaultValue(3)]
    public int Examples { get; init; } = 3;

    [CommandOption("--cache <DIR>")]
    [Description("Image feature cache folder (default: $ITM_CACHE or ~/.cache/itm).")]
    public string? Cache { get; init; }

    [CommandOption("--index-dir <DIR>")]
    [Description("Where the dataset's images are indexed with the demo model (updated incrementally when present).")]
    [DefaultValue("index/demo")]
    public string IndexDir { get; init; } = "index/demo";

    [CommandOption("--urls <URLS>")]
    [Description("Where the web page is served at the end.")]
    [DefaultFrom(typeof(ServerOptions), "Urls")]
    public string Urls { get; init; } = ServerOptions.DefaultUrls;

    [CommandOption("--no-serve")]
    [Description("Stop after indexing instead of serving the web page (for scripts and tests).")]
    public bool NoServe { get; init; }
}
