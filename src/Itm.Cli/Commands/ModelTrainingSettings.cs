using System.ComponentModel;
using Itm.Model.JointEmbedding;
using Itm.Model.Losses;
using Itm.Model.Sampling;
using Itm.Training;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

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

    [CommandOption("--text <MODEL>")]
    [Description("Text model: bow, ngram, sse, or minilm (frozen pretrained MiniLM sentence vectors + a trained MLP).")]
    [DefaultValue(TrainDefaults.Text)]
    public TextModel Text { get; init; } = TrainDefaults.Text;

    [CommandOption("--ngrams <SCHEME>")]
    [Description("For --text ngram: 2 (bigram), 3 (trigram) or 3+skip (trigram + skip-gram).")]
    [DefaultValue(TrainDefaults.NGrams)]
    public string NGrams { get; init; } = TrainDefaults.NGrams;

    [CommandOption("--image <MODEL>")]
    [Description("Image model: resnet18 (pretrained features), resnet18tune (pretrained, last residual block fine-tuned) or convnet (trained from pixels).")]
    [DefaultValue(TrainDefaults.Image)]
    public ImageModel Image { get; init; } = TrainDefaults.Image;

    [CommandOption("--loss <LOSS>")]
    [Description("sum (hinge over negatives), hardest (VSE++ max violation) or infonce.")]
    [DefaultValue(TrainDefaults.Loss)]
    public LossKind Loss { get; init; } = TrainDefaults.Loss;

    [CommandOption("--negatives <KIND>")]
    [Description("inbatch, hardest, semihard, global (the batch + each anchor's hardest negative in the whole training set) or random:K (K negatives drawn from the whole training set).")]
    [DefaultValue(TrainDefaults.Negatives)]
    public string Negatives { get; init; } = TrainDefaults.Negatives;

    [CommandOption("--direction <DIR>")]
    [Description("both, search (the --negatives go to sentence anchors ranking images) or annotate (to image anchors ranking sentences).")]
    [DefaultValue(Direction.Both)]
    public Direction Direction { get; init; } = Direction.Both;

    [CommandOption("--counter-weight <W>")]
    [Description("With --direction search or annotate: weight of the other direction's in-batch term (0 drops it).")]
    [DefaultValue(TrainDefaults.CounterWeight)]
    public float CounterWeight { get; init; } = TrainDefaults.CounterWeight;

    [CommandOption("--query-prior")]
    [Description("With --direction search or annotate: learn a prior vector added to that direction's queries (it cannot change the other direction's rankings).")]
    public bool UseQueryPrior { get; init; }

    [CommandOption("--bank-refresh <STEPS>")]
    [Description("With --negatives global: re-encode the training set to mine hard negatives from every STEPS steps.")]
    [DefaultValue(TrainDefaults.BankRefreshSteps)]
    public int BankRefreshSteps { get; init; } = TrainDefaults.BankRefreshSteps;

    [CommandOption("--epochs <N>")]
    [DefaultValue(TrainDefaults.Epochs)]
    public int Epochs { get; init; } = TrainDefaults.Epochs;

    [CommandOption("--dim <D>")]
    [Description("Joint embedding dimension.")]
    [DefaultValue(TrainDefaults.Dim)]
    public int Dim { get; init; } = TrainDefaults.Dim;

    [CommandOption("--batch <B>")]
    [DefaultValue(TrainDefaults.Batch)]
    public int Batch { get; init; } = TrainDefaults.Batch;

    [CommandOption("--lr <RATE>")]
    [DefaultValue(TrainDefaults.LearningRate)]
    public double LearningRate { get; init; } = TrainDefaults.LearningRate;

    [CommandOption("--pretrained-lr-scale <S>")]
    [Description("Learning rate of fine-tuned pretrained weights (--image resnet18tune's block) as a fraction of --lr.")]
    [DefaultValue(TrainDefaults.PretrainedLearningRateScale)]
    public double PretrainedLearningRateScale { get; init; } = TrainDefaults.PretrainedLearningRateScale;

    [CommandOption("--margin <M>")]
    [DefaultValue(TrainDefaults.Margin)]
    public float Margin { get; init; } = TrainDefaults.Margin;

    [CommandOption("--temperature <T>")]
    [Description("Softmax temperature of --loss infonce.")]
    [DefaultValue(TrainDefaults.Temperature)]
    public float Temperature { get; init; } = TrainDefaults.Temperature;

    [CommandOption("--dropout <P>")]
    [Description("Dropout in both channels' MLPs and the SSE word embeddings.")]
    [DefaultValue(TrainDefaults.Dropout)]
    public double Dropout { get; init; } = TrainDefaults.Dropout;

    [CommandOption("--weight-decay <W>")]
    [DefaultValue(TrainDefaults.WeightDecay)]
    public double WeightDecay { get; init; } = TrainDefaults.WeightDecay;

    [CommandOption("--patience <N>")]
    [Description("Stop after N epochs without a better validation R-sum.")]
    [DefaultValue(TrainDefaults.Patience)]
    public int Patience { get; init; } = TrainDefaults.Patience;

    [CommandOption("--seed <S>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    [CommandOption("--threads <N>")]
    [Description("Torch threads (default: one per core).")]
    public int Threads { get; init; }

    [CommandOption("--pixels <S>")]
    [Description("For --image convnet: input side in pixels (a multiple of 16).")]
    [DefaultValue(64)]
    public int Pixels { get; init; } = 64;

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
        catch (Exception e) when (e is FormatException or ArgumentException)
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
        };
        trainer.Validate();
        return new TrainJobOptions
        {
            DatasetPath = Data!,
            ReadOptions = ReadOptions,
            OutDir = Out!,
            CacheDir = Cache,
            Model = new JointEmbeddingOptions
            {
                Dim = Dim,
                Prior = !UseQueryPrior ? QueryPrior.None : Direction switch
                {
                    Direction.Search => QueryPrior.Search,
                    Direction.Annotate => QueryPrior.Annotate,
                    _ => throw new ArgumentException("--query-prior needs --direction search or annotate: the prior belongs to one direction."),
                },
                Text = new TextEncoderOptions { Model = Text, NGrams = NGramSchemeNames.Parse(NGrams), Dropout = Dropout },
                Image = new ImageEncoderOptions { Model = Image, PixelSize = Pixels, Dropout = Dropout },
            },
            Trainer = trainer,
        };
    }
}
