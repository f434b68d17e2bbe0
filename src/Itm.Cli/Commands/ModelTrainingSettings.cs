using System.ComponentModel;
using Itm.Data.Images;
using Itm.Model.Catalog;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.Losses;
using Itm.Model.Persistence;
using Itm.Model.Sampling;
using Itm.Training.Jobs;
using Itm.Training;
using Spectre.Console.Cli;
using Spectre.Console;

namespace Itm.Cli.Commands;

/// <summary>
/// What a model is and how it trains: the options <c>itm train</c> and <c>itm study</c> (its base configuration)
/// share; <see cref="ToJobOptions"/> binds them to typed records.
/// </summary>
public abstract class ModelTrainingSettings : DatasetSettings
{
    /// <summary>The output folder; each command says what it holds.</summary>
    public abstract string? Out { get; init; }

    /// <summary>What --out is, for the error when it is missing.</summary>
    protected abstract string OutMeaning { get; }

    /// <summary>The model folder whose weights the run starts from, for the commands that fine-tune; null trains from scratch.</summary>
    protected virtual string? InitModelDir => null;

    /// <summary>The text encoder the command line names, null when it names none: with --init, the initial model's then.</summary>
    protected virtual string? TextAsked => Text;

    /// <summary>What a fine-tuning run does with the new data's words that the initial model has no id for.</summary>
    protected virtual InitialFeatures InitFeatureRule => InitialFeatures.Extend;

    /// <summary>The text encoder's catalog name (--text); each command declares it with its own default.</summary>
    public abstract string Text { get; init; }

    [CommandOption("--image <MODEL>")]
    [EncoderDescription(EncoderChannel.Image, "Image encoder")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Image.Model")]
    public string Image { get; init; } = LibraryDefaults.Model.Image.Model.Name;

    [CommandOption("--loss <LOSS>")]
    [Description("sum (hinge over negatives), hardest (VSE++ max violation) or infonce.")]
    [DefaultFrom(typeof(TrainerOptions), "Loss.Kind")]
    public LossKind Loss { get; init; } = LibraryDefaults.Trainer.Loss.Kind;

    [CommandOption("--negatives <KIND>")]
    [Description("inbatch, hardest, semihard, global (the batch + each anchor's hardest negative in the whole training set) or random:K (K negatives drawn from the whole training set).")]
    [DefaultFrom(typeof(TrainerOptions), "Negatives")]
    public string Negatives { get; init; } = LibraryDefaults.Trainer.Negatives.ToString();

    [CommandOption("--direction <DIR>")]
    [Description("both, search (the --negatives go to sentence anchors ranking images) or annotate (to image anchors ranking sentences).")]
    [DefaultFrom(typeof(TrainerOptions), "Negatives.Direction")]
    public Direction Direction { get; init; } = LibraryDefaults.Trainer.Negatives.Direction;

    [CommandOption("--counter-weight <W>")]
    [Description("With --direction search or annotate: weight of the other direction's in-batch term (0 drops it).")]
    [DefaultFrom(typeof(TrainerOptions), "Negatives.CounterWeight")]
    public float CounterWeight { get; init; } = LibraryDefaults.Trainer.Negatives.CounterWeight;

    [CommandOption("--query-prior")]
    [Description("With --direction search or annotate: learn a prior vector added to that direction's queries (it cannot change the other direction's rankings).")]
    public bool UseQueryPrior { get; init; }

    [CommandOption("--bank-refresh <STEPS>")]
    [Description("With --negatives global: re-encode the training set to mine hard negatives from every STEPS steps.")]
    [DefaultFrom(typeof(TrainerOptions), "BankRefreshSteps")]
    public int BankRefreshSteps { get; init; } = LibraryDefaults.Trainer.BankRefreshSteps;

    [CommandOption("--mask-identical-captions <BOOL>")]
    [Description("true: a candidate captioned word for word like the anchor is not a negative (false only to measure the difference).")]
    [DefaultFrom(typeof(TrainerOptions), "MaskIdenticalCaptions")]
    public bool MaskIdenticalCaptions { get; init; } = LibraryDefaults.Trainer.MaskIdenticalCaptions;

    [CommandOption("--sparse-updates <BOOL>")]
    [Description("true: bag and hybrid text models update only the n-gram rows each step uses (lazy Adam), so a step costs the same for any vocabulary; false: dense Adam over the whole table.")]
    [DefaultFrom(typeof(TrainerOptions), "SparseUpdates")]
    public bool SparseUpdates { get; init; } = LibraryDefaults.Trainer.SparseUpdates;

    [CommandOption("--captions <WHICH>")]
    [Description("all: every (image, sentence) pair each epoch; one: each image once an epoch, with one of its sentences drawn at random (caption augmentation).")]
    [DefaultFrom(typeof(TrainerOptions), "Captions")]
    public EpochCaptions Captions { get; init; } = LibraryDefaults.Trainer.Captions;

    [CommandOption("--epochs <N>")]
    [DefaultFrom(typeof(TrainerOptions), "Epochs")]
    public int Epochs { get; init; } = LibraryDefaults.Trainer.Epochs;

    [CommandOption("--dim <D>")]
    [Description("Joint embedding dimension.")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Dim")]
    public int Dim { get; init; } = LibraryDefaults.Model.Dim;

    [CommandOption("--batch <B>")]
    [DefaultFrom(typeof(TrainerOptions), "BatchSize")]
    public int Batch { get; init; } = LibraryDefaults.Trainer.BatchSize;

    [CommandOption("--lr <RATE>")]
    [DefaultFrom(typeof(TrainerOptions), "LearningRate")]
    public double LearningRate { get; init; } = LibraryDefaults.Trainer.LearningRate;

    [CommandOption("--pretrained-lr-scale <S>")]
    [Description("Learning rate of fine-tuned pretrained weights (--image resnet18tune's block) as a fraction of --lr.")]
    [DefaultFrom(typeof(TrainerOptions), "PretrainedLearningRateScale")]
    public double PretrainedLearningRateScale { get; init; } = LibraryDefaults.Trainer.PretrainedLearningRateScale;

    [CommandOption("--margin <M>")]
    [DefaultFrom(typeof(TrainerOptions), "Loss.Margin")]
    public float Margin { get; init; } = LibraryDefaults.Trainer.Loss.Margin;

    [CommandOption("--temperature <T>")]
    [Description("Softmax temperature of --loss infonce.")]
    [DefaultFrom(typeof(TrainerOptions), "Loss.Temperature")]
    public float Temperature { get; init; } = LibraryDefaults.Trainer.Loss.Temperature;

    /// <summary>Dropout in both channels (--dropout); each command declares it with its own default.</summary>
    public abstract double Dropout { get; init; }

    /// <summary>What --dropout says in every command's help.</summary>
    protected const string DropoutDescription = "Dropout in both channels' MLPs and the SSE word embeddings.";

    [CommandOption("--pretrained-share <S>")]
    [Description("For a late-fusion text model (minilm+ngram-3+skip, minilm+bow): the share of the match score its MiniLM part carries, between 0 and 1; its n-gram part carries the rest.")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Text.PretrainedShare")]
    public double PretrainedShare { get; init; } = LibraryDefaults.Model.Text.PretrainedShare;

    [CommandOption("--max-features <N>")]
    [Description("For a text model with an n-gram bag (bow, ngram-*, minilm+*): the most features (words, n-grams) its table holds, the most frequent in the training captions; the table is N × 4 KB. Default: 50000 (itm base build: 8000); with --init, the initial model's (a different value is refused).")]
    public int? MaxFeatures { get; init; }

    [CommandOption("--weight-decay <W>")]
    [DefaultFrom(typeof(TrainerOptions), "WeightDecay")]
    public double WeightDecay { get; init; } = LibraryDefaults.Trainer.WeightDecay;

    [CommandOption("--patience <N>")]
    [Description("Stop after N epochs without a better validation R-sum.")]
    [DefaultFrom(typeof(TrainerOptions), "Patience")]
    public int Patience { get; init; } = LibraryDefaults.Trainer.Patience;

    [CommandOption("--seed <S>")]
    [DefaultFrom(typeof(TrainerOptions), "Seed")]
    public int Seed { get; init; } = LibraryDefaults.Trainer.Seed;

    [CommandOption("--threads <N>")]
    [Description("Torch threads (default: one per core).")]
    public int Threads { get; init; }

    [CommandOption("--pixels <S>")]
    [Description("For --image convnet: input side in pixels (a multiple of 16).")]
    [DefaultFrom(typeof(JointEmbeddingOptions), "Image.PixelSize")]
    public int Pixels { get; init; } = LibraryDefaults.Model.Image.PixelSize;

    /// <summary>The precision of the pretrained image network when <c>--image-precision</c> is left out: the library's.</summary>
    protected virtual PretrainedPrecision DefaultImagePrecision => LibraryDefaults.Model.Image.Precision;

    /// <summary>The precision of the pretrained MiniLM when <c>--text-precision</c> is left out: the library's.</summary>
    protected virtual PretrainedPrecision DefaultTextPrecision => LibraryDefaults.Model.Text.Precision;

    /// <summary>The table size of an n-gram bag when <c>--max-features</c> is not given.</summary>
    protected virtual int DefaultMaxFeatures => LibraryDefaults.Model.Text.MaxFeatures;

    [CommandOption("--image-precision <P>")]
    [Description("For --image resnet18: float32 or int8, the arithmetic of the pretrained network the features come from. int8 runs it quantised (1.8–2.2× the images per second, on CPUs with or without VNNI; features within ~0.99 cosine of float32). The model keeps it: index, search and similar compute their image features the same way. Default: int8; with --init, the initial model's (a different value is refused).")]
    public PretrainedPrecision? ImagePrecision { get; init; }

    [CommandOption("--image-fit <FIT>")]
    [Description("How a picture of any shape becomes the image model's square input: contain (the whole picture, longer side scaled, centred on white) or cropcenter (shorter side scaled, the centre square kept; the ends of wide and tall pictures are cut off). The model keeps it: index, search and similar put images on the square the same way. Default: contain; with --init, the initial model's (a different value is refused).")]
    public ImageFit? ImageFit { get; init; }

    [CommandOption("--image-views <VIEWS>")]
    [Description("For --image resnet18: one (the picture), flip (the mean of the features of the picture and of its mirror image; twice the time to compute image features, when training and when indexing) or scales (the picture's features beside the mean of its four quarters' seen at twice the detail; five times the time, 1,024 features). The model keeps it. Default: one (itm base build: scales); with --init, the initial model's (a different value is refused).")]
    public ImageViews? ImageViews { get; init; }

    /// <summary>The image views when <c>--image-views</c> is left out: the library's.</summary>
    protected virtual ImageViews DefaultImageViews => LibraryDefaults.Model.Image.Views;

    /// <summary>The quarters dropout when <c>--quarters-dropout</c> is left out: the library's (none).</summary>
    protected virtual double DefaultQuartersDropout => LibraryDefaults.Model.Image.QuartersDropout;

    [CommandOption("--quarters-dropout <P>")]
    [Description("For --image-views scales: the probability, per picture and training step, that its quarters' features are replaced by its whole picture's, so the model also learns to match pictures by the whole view (training only; indexing and search always use both). Default: 0 (itm base build: 0.3); with --init, 0 unless given.")]
    public double? QuartersDropout { get; init; }

    [CommandOption("--text-precision <P>")]
    [Description("For the text models that read MiniLM (minilm, hybrid and the minilm+ fusions): float32 or int8, the arithmetic of the pretrained MiniLM. int8 quantises its matrix products (2–3× the sentences per second one at a time, on CPUs with or without VNNI; vectors within ~0.99 cosine of float32). The model keeps it: its queries are encoded the same way. Default: int8 (itm base build: float32); with --init, the initial model's (a different value is refused).")]
    public PretrainedPrecision? TextPrecision { get; init; }

    public override ValidationResult Validate()
    {
        var baseResult = base.Validate();
        if (!baseResult.Successful)
        {
            return baseResult;
        }

        if (string.IsNullOrWhiteSpace(Out))
        {
            return ValidationResult.Error($"--out is required: {OutMeaning}.");
        }

        try
        {
            _ = ToJobOptions();
        }
        catch (Exception e) when (e is FormatException or ArgumentException or ModelFolderException)
        {
            return ValidationResult.Error(e.Message);
        }

        return ValidationResult.Success();
    }

    public TrainJobOptions ToJobOptions()
    {
        var trainer = new TrainerOptions
        {
            Epochs = Epochs,
            BatchSize = Batch,
            LearningRate = LearningRate,
            PretrainedLearningRateScale = PretrainedLearningRateScale,
            Patience = Patience,
            Seed = Seed,
            Threads = Threads,
            WeightDecay = WeightDecay,
            Loss = new LossOptions(Loss, Margin, Temperature),
            Negatives = NegativeSampling.Parse(Negatives, Direction) with { CounterWeight = CounterWeight },
            BankRefreshSteps = BankRefreshSteps,
            MaskIdenticalCaptions = MaskIdenticalCaptions,
            SparseUpdates = SparseUpdates,
            Captions = Captions,
        };
        trainer.Validate();
        int maxFeatures = MaxFeatures ?? DefaultMaxFeatures;
        if (maxFeatures < 2)
        {
            throw new ArgumentException($"--max-features {maxFeatures}: a bag needs at least 2 features (the unknown one and a word).");
        }

        var text = new TextEncoderOptions { Model = EncoderCatalog.FindText(Text), Dropout = Dropout, PretrainedShare = PretrainedShare, MaxFeatures = maxFeatures, Precision = TextPrecision ?? DefaultTextPrecision };
        _ = text.Model.Parts(text);
        var job = new TrainJobOptions
        {
            DatasetPath = Data!,
            ReadOptions = ReadOptions,
            OutDir = Out!,
            CacheDir = Cache,
            InitFrom = InitModelDir,
            InitFeatures = InitFeatureRule,
            Model = InitModelDir is { } init ? InitialModelOptions(init) : new JointEmbeddingOptions
            {
                Dim = Dim,
                Prior = !UseQueryPrior ? QueryPrior.None : Direction switch
                {
                    Direction.Search => QueryPrior.Search,
                    Direction.Annotate => QueryPrior.Annotate,
                    _ => throw new ArgumentException("--query-prior needs --direction search or annotate: the prior belongs to one direction."),
                },
                Text = text,
                Image = new ImageEncoderOptions
                {
                    Model = EncoderCatalog.FindImage(Image), PixelSize = Pixels, Dropout = Dropout,
                    Precision = ImagePrecision ?? DefaultImagePrecision,
                    Fit = ImageFit ?? LibraryDefaults.Model.Image.Fit,
                    Views = ImageViews ?? DefaultImageViews,
                    QuartersDropout = QuartersDropout ?? DefaultQuartersDropout,
                },
            },
            Trainer = trainer,
        };
        FeatureMlpSpec.CheckQuartersDropout(job.Model.Image);
        return job;
    }

    /// <summary>Fine-tuning keeps the initial model's options; its inputs can only be computed its way.</summary>
    private JointEmbeddingOptions InitialModelOptions(string init)
    {
        var options = FineTuning.ModelOptions(init, Dropout, TextAsked is { } text ? EncoderCatalog.FindText(text) : null);
        CheckKept("--image-precision", ImagePrecision, options.Image.Precision);
        CheckKept("--text-precision", TextPrecision, options.Text.Precision);
        CheckKept("--image-fit", ImageFit, options.Image.Fit);
        CheckKept("--image-views", ImageViews, options.Image.Views);
        CheckKept("--max-features", MaxFeatures, options.Text.MaxFeatures);
        return options with { Image = options.Image with { QuartersDropout = QuartersDropout ?? 0 } };
    }

    /// <summary>Left out, the value is the initial model's; given, it must be that one.</summary>
    private static void CheckKept<T>(string option, T? asked, T initial)
        where T : struct
    {
        if (asked is { } value && !value.Equals(initial))
        {
            throw new ArgumentException(
                $"{option} {$"{value}".ToLowerInvariant()} differs from the initial model's {$"{initial}".ToLowerInvariant()}: " +
                "its weights fit the inputs it was trained on. Leave the option out, or train from scratch.");
        }
    }
}
