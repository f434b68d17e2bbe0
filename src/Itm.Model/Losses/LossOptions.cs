namespace Itm.Model.Losses;

/// <summary>How the violations of an anchor's selected negatives are combined into its loss.</summary>
public enum LossKind
{
    /// <summary>Sum of hinges over the selected negatives: Σ max(0, margin − p + n) (the paper's objective).</summary>
    Sum,

    /// <summary>Largest hinge over the selected negatives (VSE++ max-violation).</summary>
    Hardest,

    /// <summary>Softmax cross-entropy of the positive against the selected negatives at a temperature (CLIP-style).</summary>
    InfoNce,
}

/// <summary>The ranking objective and its hyper-parameters.</summary>
/// <param name="Kind">How violations are combined.</param>
/// <param name="Margin">Hinge margin for <see cref="LossKind.Sum"/> and <see cref="LossKind.Hardest"/> (cosine units).</param>
/// <param name="Temperature">Softmax temperature τ for <see cref="LossKind.InfoNce"/>.</param>
public sealed record LossOptions(LossKind Kind, float Margin = 0.2f, float Temperature = 0.05f)
{
    /// <summary>How violations are combined.</summary>
    public LossKind Kind { get; init; } = Enum.IsDefined(Kind)
        ? Kind
        : throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown loss kind.");

    /// <summary>Hinge margin, finite and not negative.</summary>
    public float Margin { get; init; } = float.IsFinite(Margin) && Margin >= 0
        ? Margin
        : throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "The margin must be a finite number >= 0.");

    /// <summary>Softmax temperature, finite and positive.</summary>
    public float Temperature { get; init; } = float.IsFinite(Temperature) && Temperature > 0
        ? Temperature
        : throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The temperature must be a finite number > 0.");
}
