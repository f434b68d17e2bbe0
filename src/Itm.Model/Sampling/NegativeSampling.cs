using System.Globalization;

namespace Itm.Model.Sampling;

/// <summary>Which retrieval direction the ranking objective trains.</summary>
public enum Direction
{
    /// <summary>Both terms: sentences against other images and images against other sentences.</summary>
    Both,

    /// <summary>Image search (t2i): a sentence is the anchor and its negatives are other images.</summary>
    Search,

    /// <summary>Image annotation (i2t): an image is the anchor and its negatives are other sentences.</summary>
    Annotate,
}

/// <summary>Which negatives each anchor is compared with.</summary>
public enum NegativeKind
{
    /// <summary>Every in-batch item of the other modality that shows a different image.</summary>
    InBatch,

    /// <summary>Only the highest-scoring in-batch negative.</summary>
    Hardest,

    /// <summary>The highest-scoring in-batch negative that still scores below the positive (FaceNet); the hardest when none does.</summary>
    SemiHard,

    /// <summary>K items drawn from the whole training set by the caller, instead of the batch.</summary>
    Random,

    /// <summary>
    /// The batch plus hard negatives mined from the whole training set: for each anchor, the training item of the other
    /// modality it scores highest (from an embedding bank the caller refreshes during the epoch), so the anchor learns
    /// to beat its strongest competitors of the whole collection, as at test time.
    /// </summary>
    Global,
}

/// <summary>
/// The negative-sampling choice of a training run, written on the command line as
/// <c>inbatch</c>, <c>hardest</c>, <c>semihard</c> or <c>random:K</c> plus a <see cref="Sampling.Direction"/>.
/// </summary>
/// <param name="Kind">Which negatives each anchor sees.</param>
/// <param name="RandomCount">K for <see cref="NegativeKind.Random"/> (at least 1); 0 for the other kinds.</param>
/// <param name="Direction">Which direction(s) the loss trains.</param>
public sealed record NegativeSampling(NegativeKind Kind, int RandomCount, Direction Direction)
{
    /// <summary>The accepted spellings, for help texts and error messages.</summary>
    public const string AcceptedForms = "inbatch, hardest, semihard, global (batch + hardest of the training set), random:K (K a positive integer)";

    /// <summary>Which negatives each anchor sees.</summary>
    public NegativeKind Kind { get; init; } = Enum.IsDefined(Kind)
        ? Kind
        : throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown negative kind.");

    /// <summary>K for <see cref="NegativeKind.Random"/>; 0 otherwise.</summary>
    public int RandomCount { get; init; } = CheckRandomCount(Kind, RandomCount);

    /// <summary>Which direction(s) the loss trains.</summary>
    public Direction Direction { get; init; } = Enum.IsDefined(Direction)
        ? Direction
        : throw new ArgumentOutOfRangeException(nameof(Direction), Direction, "Unknown direction.");

    /// <summary>
    /// When one direction is specialised (<see cref="Direction"/> is not <see cref="Sampling.Direction.Both"/>), the weight of
    /// the other direction's term, trained with plain in-batch negatives. 0 drops it; the other direction then learns only
    /// through the shared space.
    /// </summary>
    public float CounterWeight
    {
        get;
        init => field = float.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CounterWeight), value, "The counter-direction weight must be a finite number >= 0.");
    }

    /// <summary>True when the negatives come from outside the batch (<see cref="NegativeKind.Random"/>, <see cref="NegativeKind.Global"/>).</summary>
    public bool UsesExtraItems => Kind is NegativeKind.Random or NegativeKind.Global;

    /// <summary>True when the annotation term (image anchors, sentence negatives) is trained.</summary>
    public bool TrainsAnnotation => Direction != Direction.Search;

    /// <summary>True when the search term (sentence anchors, image negatives) is trained.</summary>
    public bool TrainsSearch => Direction != Direction.Annotate;

    /// <summary>Parses <c>inbatch</c>, <c>hardest</c>, <c>semihard</c> or <c>random:K</c> (case-insensitive).</summary>
    /// <exception cref="FormatException">The spec is none of those; the message names it and lists the accepted forms.</exception>
    public static NegativeSampling Parse(string spec, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string text = spec.Trim().ToLowerInvariant();
        switch (text)
        {
            case "inbatch": return new NegativeSampling(NegativeKind.InBatch, 0, direction);
            case "hardest": return new NegativeSampling(NegativeKind.Hardest, 0, direction);
            case "semihard": return new NegativeSampling(NegativeKind.SemiHard, 0, direction);
            case "global": return new NegativeSampling(NegativeKind.Global, 0, direction);
        }

        const string prefix = "random:";
        if (text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            && k > 0)
        {
            return new NegativeSampling(NegativeKind.Random, k, direction);
        }

        throw new FormatException($"Unknown negative sampling '{spec}'; expected one of: {AcceptedForms}.");
    }

    /// <summary>The spec <see cref="Parse"/> reads back: <c>inbatch</c>, <c>hardest</c>, <c>semihard</c>, <c>global</c> or <c>random:K</c>.</summary>
    public override string ToString() => Kind switch
    {
        NegativeKind.InBatch => "inbatch",
        NegativeKind.Hardest => "hardest",
        NegativeKind.SemiHard => "semihard",
        NegativeKind.Global => "global",
        _ => string.Create(CultureInfo.InvariantCulture, $"random:{RandomCount}"),
    };

    private static int CheckRandomCount(NegativeKind kind, int count) => kind == NegativeKind.Random
        ? (count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(RandomCount), count, "random:K needs K of at least 1."))
        : (count == 0 ? 0 : throw new ArgumentOutOfRangeException(nameof(RandomCount), count, $"RandomCount applies only to random:K, not to {kind}."));
}
