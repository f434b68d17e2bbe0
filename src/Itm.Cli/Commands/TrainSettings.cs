using System.ComponentModel;
using Itm.Model.JointEmbedding;
using Itm.Model.Losses;
using Itm.Model.Sampling;
using Itm.Training;
using Itm.Training.Jobs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary>The options of <c>itm train</c>; <see cref="ToJobOptions"/> binds them to typed records.</summary>
public sealed class TrainSettings : DatasetSettings
{
    [CommandOption("--out <DIR>")]
    [Description("Model folder to write (a run resumes from it if interrupted).")]
    public string? Out { get; init; }

    [CommandOption("--text <MODEL>")]
    [Description("Text model: bow, ngram or sse.")]
    [DefaultValue(TrainDefaults.Text)]
    public TextModel Text { get; init; } = TrainDefaults.Text;

    [CommandOption("--ngrams <SCHEME>")]
    [Description("For --text ngram: 2 (bigram), 3 (trigram) or 3+skip (trigram + skip-gram).")]
    [DefaultValue(TrainDefaults.NGrams)]
    public string NGrams { get; init; } = TrainDefaults.NGrams;

    [CommandOption("--image <MODEL>")]
    [Description("Image model: resnet18 (pretrained features) or convnet (trained from pixels).")]
    [DefaultValue(TrainDefaults.Image)]
    public ImageModel Image { get; init; } = TrainDefaults.Image;

    [CommandOption("--loss <LOSS>")]
    [Description("sum (hinge over negatives), hardest (VSE++ max violation) or infonce.")]
    [DefaultValue(TrainDefaults.Loss)]
    public LossKind Loss { get; init; } = TrainDefaults.Loss;

    [CommandOption("--negatives <KIND>")]
    [Description("inbatch, hardest, semihard or random:K (K negatives drawn from the whole training set).")]
    [DefaultValue(TrainDefaults.Negatives)]
    public string Negatives { get; init; } = TrainDefaults.Negatives;

    [CommandOption("--direction <DIR>")]
    [Description("both, search (negatives are other images) or annotate (negatives are other sentences).")]
    [DefaultValue(Direction.Both)]
    public Direction Direction { get; init; } = Direction.Both;

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
            return ValidationResult.Error("--out is required: the model folder to write.");
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
            Patience = Patience,
            Seed = Seed,
            Threads = Threads,
            WeightDecay = WeightDecay,
            Loss = new LossOptions(Loss, Margin, Temperature),
            Negatives = NegativeSampling.Parse(Negatives, Direction),
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
                Text = new TextEncoderOptions { Model = Text, NGrams = NGramSchemeNames.Parse(NGrams), Dropout = Dropout },
                Image = new ImageEncoderOptions { Model = Image, PixelSize = Pixels, Dropout = Dropout },
            },
            Trainer = trainer,
        };
    }
}
