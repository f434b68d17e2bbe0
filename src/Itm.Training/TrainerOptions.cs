using Itm.Model.Losses;
using Itm.Model.Sampling;

namespace Itm.Training;

/// <summary>How the learning rate moves over the epochs.</summary>
public enum LearningRateSchedule
{
    Constant,

    /// <summary>Cosine decay from the base rate to a tenth of it at the last epoch.</summary>
    Cosine,
}

/// <summary>Which of an image's sentences an epoch trains on.</summary>
public enum EpochCaptions
{
    /// <summary>Every (image, sentence) pair once an epoch: an image with five captions counts five times.</summary>
    All,

    /// <summary>
    /// Each image once an epoch, with one of its sentences drawn at random: every picture counts the same, and over the
    /// epochs the model meets its names, aliases and tags in turn (caption augmentation).
    /// </summary>
    One,
}

/// <summary>Everything the training loop needs to know; validated once by <see cref="Validate"/>.</summary>
public sealed record TrainerOptions
{
    /// <summary>Most epochs to run (early stopping may end sooner).</summary>
    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 128;

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// The learning rate of pretrained weights a model fine-tunes (the ResNet18 block of <c>resnet18tune</c>), as a
    /// fraction of <see cref="LearningRate"/>: the head starts from random weights and needs large steps, while large
    /// steps would wipe out what the pretrained block knows before the head has learned to use it.
    /// </summary>
    public double PretrainedLearningRateScale { get; init; } = 0.1;

    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Cosine;

    /// <summary>Largest global gradient norm; larger gradients are scaled down.</summary>
    public double GradientClip { get; init; } = 2.0;

    public double WeightDecay { get; init; }

    /// <summary>Stop when validation R-sum hasn't improved for this many epochs.</summary>
    public int Patience { get; init; } = 8;

    public int Seed { get; init; } = 1;

    /// <summary>Torch intra-op threads; 0 keeps torch's default (one per core).</summary>
    public int Threads { get; init; }

    public LossOptions Loss { get; init; } = new(LossKind.InfoNce, Margin: 0.2f, Temperature: 0.1f);

    public NegativeSampling Negatives { get; init; } = new(NegativeKind.InBatch, 0, Direction.Both);

    /// <summary>
    /// For <see cref="NegativeKind.Global"/>: re-encode the whole training set that hard negatives are mined from every
    /// this many steps (and at each epoch's start). Fewer refreshes are cheaper; a staler bank mines less hard items.
    /// </summary>
    public int BankRefreshSteps { get; init; } = 10;

    /// <summary>
    /// Whether a candidate captioned with the anchor's very sentence (same features) is kept out of the negatives, as an
    /// image of the anchor is: icon sets repeat captions ("home", an icon's filled and outlined variants), and pushing an
    /// image away from a sentence that is, word for word, one of its captions is a wrong lesson. Off only to measure it.
    /// </summary>
    public bool MaskIdenticalCaptions { get; init; } = true;

    /// <summary>
    /// Whether the bag and hybrid text models update only the table rows a step's sentences use (lazy Adam; see
    /// <see cref="Itm.Model.TextEncoders.RowSparseBag"/>), so a step costs the same whatever the vocabulary's size, or
    /// the whole table every step (dense Adam: unused rows still move on their momentum). On by default: over 3 seeds
    /// (ngram-3+skip) it trains as well as dense Adam on OpenClipart and Tux Paint (docs/training.md) and its steps do not
    /// slow down as the vocabulary grows.
    /// </summary>
    public bool SparseUpdates { get; init; } = true;

    /// <summary>Which sentences an epoch trains on: every pair, or one sentence of each image drawn afresh each epoch.</summary>
    public EpochCaptions Captions { get; init; } = EpochCaptions.All;

    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }

        Require(Epochs >= 1, $"Epochs must be at least 1, got {Epochs}.");
        Require(BatchSize >= 2, $"Batch size must be at least 2 (negatives come from the batch), got {BatchSize}.");
        Require(LearningRate > 0, $"Learning rate must be positive, got {LearningRate}.");
        Require(PretrainedLearningRateScale > 0 && double.IsFinite(PretrainedLearningRateScale),
            $"The pretrained weights' learning-rate scale must be a positive number, got {PretrainedLearningRateScale}.");
        Require(GradientClip > 0, $"Gradient clip must be positive, got {GradientClip}.");
        Require(Patience >= 1, $"Patience must be at least 1, got {Patience}.");
        Require(Negatives.Kind != NegativeKind.Random || Negatives.RandomCount >= 1, "random:K needs K >= 1.");
        Require(Enum.IsDefined(Captions), $"Unknown caption sampling {Captions}.");
        Require(BankRefreshSteps >= 1, $"The negative bank refresh interval must be at least 1 step, got {BankRefreshSteps}.");
    }
}
