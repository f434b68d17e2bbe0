using System.ComponentModel;
using Itm.Data.Images.Ocr;
using Itm.Data.Ranking;
using Itm.Index.Garnet;
using Itm.Index.Indexing;
using Itm.Index.Nearest;
using Itm.Index.Scanning;
using Itm.Index.Vectors;
using Itm.Search;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm index</c>.</summary>
public sealed class IndexSettings : CommandSettings
{
    [CommandOption("--model <DIR>")]
    [Description("Model folder written by itm train, or base (the shipped base model). Default: the model the index was built with, or base for a new index.")]
    public string? Model { get; init; }

    [CommandOption("--images <FOLDER>")]
    [Description("Folder of images to index; every image under it (png, jpg, webp, gif, bmp, svg), recursively, except what .itmignore files (gitignore syntax) and --exclude leave out.")]
    public string? Images { get; init; }

    [CommandOption("--exclude <GLOB>")]
    [Description("Leave out what this gitignore-syntax pattern matches, as a line of an .itmignore in --images would, over every .itmignore (repeatable; e.g. --exclude 'raw/' --exclude '*.bmp'). For this run only: indexed images it matches are removed, and a later run without it adds them back.")]
    public string[] Exclude { get; init; } = [];

    [CommandOption("--db <INDEX_DIR>")]
    [Description("Index folder (created if missing). Run again to pick up new, changed and deleted images.")]
    public string? Db { get; init; }

    [CommandOption("--captions <FILE>")]
    [Description("Sentences for itm annotate: a dataset (Karpathy JSON, COCO, captions.jsonl, Flickr8k) or one sentence per line.")]
    public string? Captions { get; init; }

    [CommandOption("--reembed")]
    [Description("Drop the index's vectors and embed every image again (after retraining, or with another model or folder).")]
    public bool Reembed { get; init; }

    [CommandOption("--centre <HOW>")]
    [Description("collection or none: whether a new index (or --reembed) centres its image vectors on the collection's mean, so the few pictures nearest that mean stop topping every query when the model never saw this kind of picture. Default: collection with the base model, none with a model you trained. An index keeps its choice until --reembed.")]
    public ImageCentring? Centre { get; init; }

    [CommandOption("--verify")]
    [Description("Check the index at --db instead of indexing: the catalog, every vector against its checksum, the saved graphs. Exit 0 when whole, 2 when damaged.")]
    public bool Verify { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Image feature cache folder (default: $ITM_CACHE or ~/.cache/itm).")]
    public string? Cache { get; init; }

    [CommandOption("--batch <N>")]
    [Description("Images embedded and committed together; an interrupted run loses at most one batch.")]
    [DefaultFrom(typeof(IndexerOptions), "BatchSize")]
    public int Batch { get; init; } = new IndexerOptions().BatchSize;

    [CommandOption("--compact-when-dead <FRACTION>")]
    [Description("Rewrite a vector file without the rows of changed and deleted images once they are more than this fraction of it (0: whenever there are any; 1: never).")]
    [DefaultFrom(typeof(IndexerOptions), "CompactWhenDeadFraction")]
    public double CompactWhenDead { get; init; } = new IndexerOptions().CompactWhenDeadFraction;

    [CommandOption("--search <KIND>")]
    [Description("auto (exact below --hnsw-threshold images, HNSW from there), exact or hnsw.")]
    [DefaultFrom(typeof(VectorIndexOptions), "Kind")]
    public VectorIndexKind Search { get; init; } = new VectorIndexOptions().Kind;

    [CommandOption("--hnsw-threshold <N>")]
    [Description("With --search auto: collections of at least N vectors get an HNSW graph.")]
    [DefaultFrom(typeof(VectorIndexOptions), "HnswThreshold")]
    public int HnswThreshold { get; init; } = new VectorIndexOptions().HnswThreshold;

    [CommandOption("--hnsw-precision <P>")]
    [Description("int8, binary, float16 or float32: the HNSW graph's copy of the vectors. Narrower copies shrink the graph file (int8: a quarter; binary, the signs only: a thirty-second) and walk faster; the candidates are re-scored exactly from the vector file. Used when a graph is built: a new index, or a run that adds, changes or deletes images.")]
    [DefaultFrom(typeof(VectorIndexOptions), "Precision")]
    public HnswPrecision HnswPrecision { get; init; } = new VectorIndexOptions().Precision;

    [CommandOption("--vector-precision <P>")]
    [Description("float32 or float16: how the index folder stores its vectors. float16 halves the vector file (with an int8 graph the folder is under the size of float32 vectors alone) and moves scores by at most about 0.0005. Default: what the index already uses (float32 for a new one); another value rewrites the vector files once, embedding nothing again.")]
    public VectorPrecision? VectorPrecision { get; init; }

    [CommandOption("--backend <BACKEND>")]
    [Description("Where queries are answered: embedded (the index folder itself) or garnet (a Garnet node or cluster, --garnet; the folder stays the source of truth and is pushed there after each run). Default: what the index already uses (embedded for a new one). Switching either way re-embeds nothing.")]
    public IndexBackend? Backend { get; init; }

    [CommandOption("--garnet <NODES>")]
    [Description("The Garnet nodes for --backend garnet, HOST:PORT[[,HOST:PORT...]] (any node of a cluster leads to the rest). Default: the ones the index recorded.")]
    public string? Garnet { get; init; }

    [CommandOption("--shards <N>")]
    [Description("With --backend garnet: vector-set keys per collection, spread over the cluster's nodes (default: one per node). A change pushes the vectors again.")]
    [DefaultFrom(typeof(GarnetOptions), "Shards")]
    public int Shards { get; init; } = new GarnetOptions().Shards;

    /// <summary>Longest debounce or rescan interval: a day.</summary>
    public const double MaxWatchSeconds = 86_400;

    [CommandOption("--ocr")]
    [Description("Also read the words inside images (signs, labels, titles) with Tesseract and keep them in the index, so itm search ranks an image higher for each query word written in it. Needs apt-get install libtesseract5 tesseract-ocr-eng. New and changed images are read as they are embedded; images indexed before are read once, on the first run with --ocr.")]
    public bool Ocr { get; init; }

    [CommandOption("--ocr-min-confidence <N>")]
    [Description("With --ocr: keep only the words Tesseract reads with at least this confidence (0-100).")]
    [DefaultFrom(typeof(OcrOptions), "MinConfidence")]
    public float OcrMinConfidence { get; init; } = new OcrOptions().MinConfidence;

    [CommandOption("--watch")]
    [Description("Keep the index current until Ctrl+C: after the first run, run again whenever images under --images (or .itmignore files) change and then stay quiet for --debounce-seconds, and every --rescan-seconds in any case. Each run is a normal incremental run; Ctrl+C stops after the run in progress.")]
    public bool Watch { get; init; }

    [CommandOption("--debounce-seconds <SECONDS>")]
    [Description("With --watch: how long the folder must stay quiet after a change before a run starts.")]
    [DefaultFrom(typeof(FolderWatchOptions), "Quiet.TotalSeconds")]
    public double DebounceSeconds { get; init; } = new FolderWatchOptions().Quiet.TotalSeconds;

    [CommandOption("--rescan-seconds <SECONDS>")]
    [Description("With --watch: longest time between runs without any change event (the safety net for events the system does not deliver).")]
    [DefaultFrom(typeof(FolderWatchOptions), "Rescan.TotalSeconds")]
    public double RescanSeconds { get; init; } = new FolderWatchOptions().Rescan.TotalSeconds;

    /// <summary>The watch intervals given.</summary>
    public FolderWatchOptions ToWatchOptions() => new()
    {
        Quiet = TimeSpan.FromSeconds(DebounceSeconds),
        Rescan = TimeSpan.FromSeconds(RescanSeconds),
    };

    public override ValidationResult Validate() =>
        Watch && Verify ? ValidationResult.Error("--watch and --verify don't go together: --verify checks the index once.")
        : Verify ? (string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder to check.") : ValidationResult.Success())
        : Model is not null && string.IsNullOrWhiteSpace(Model) ? ValidationResult.Error("--model is empty: give a model folder, or base, or leave it out.")
        : string.IsNullOrWhiteSpace(Images) ? ValidationResult.Error("--images is required: the folder of images to index.")
        : string.IsNullOrWhiteSpace(Db) ? ValidationResult.Error("--db is required: the index folder to write.")
        : Exclude.FirstOrDefault(pattern => IgnorePattern.Parse(pattern) is null) is { } empty
            ? ValidationResult.Error($"--exclude \"{empty}\" matches nothing: it is blank, a # comment, or only ! or / (write \\# for a name that starts with #).")
        : Batch < 1 ? ValidationResult.Error("--batch must be positive.")
        : !(OcrMinConfidence is >= 0 and <= 100) ? ValidationResult.Error($"--ocr-min-confidence must be 0 to 100, not {OcrMinConfidence}.")
        : !(CompactWhenDead is >= 0 and <= 1) ? ValidationResult.Error($"--compact-when-dead must be a fraction from 0 to 1, not {CompactWhenDead}.")
        : !(DebounceSeconds is >= 0 and <= MaxWatchSeconds) ? ValidationResult.Error($"--debounce-seconds must be 0 to {MaxWatchSeconds}, not {DebounceSeconds}.")
        : !(RescanSeconds is > 0 and <= MaxWatchSeconds) ? ValidationResult.Error($"--rescan-seconds must be more than 0 and at most {MaxWatchSeconds}, not {RescanSeconds}.")
        : HnswThreshold < 1 ? ValidationResult.Error("--hnsw-threshold must be positive.")
        : Shards is < 0 or > GarnetKeys.MaxShards ? ValidationResult.Error($"--shards must be 1 to {GarnetKeys.MaxShards} (0: one per Garnet node), not {Shards}.")
        : Backend == IndexBackend.Embedded && (Garnet is not null || Shards != 0) ? ValidationResult.Error("--garnet and --shards go with --backend garnet, not embedded.")
        : GarnetNodesOption.Validate(Garnet);

    public IndexJobOptions ToJobOptions() => new()
    {
        ModelDir = Model,
        ImagesDir = Images!,
        IndexDir = Db!,
        CaptionsPath = Captions,
        Reembed = Reembed,
        Centring = Centre,
        CacheDir = Cache,
        Ocr = Ocr ? new OcrOptions { MinConfidence = OcrMinConfidence } : null,
        Indexer = new IndexerOptions
        {
            BatchSize = Batch,
            CompactWhenDeadFraction = CompactWhenDead,
            VectorPrecision = VectorPrecision,
            Exclude = Exclude,
            Search = new VectorIndexOptions { Kind = Search, HnswThreshold = HnswThreshold, Precision = HnswPrecision },
            Backend = Backend,
            Mirror = new GarnetIndexMirror(new GarnetOptions { Endpoints = GarnetNodesOption.Parse(Garnet), Shards = Shards }),
        },
    };
}
