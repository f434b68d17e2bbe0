namespace Itm.Fuzz;

/// <summary>What a target made of one input: read it, or refused it with an error the code documents for bad input.</summary>
/// <param name="Rejection">The documented error, or null when the input was read.</param>
public sealed record FuzzOutcome(Exception? Rejection)
{
    public static FuzzOutcome Accepted { get; } = new((Exception?)null);

    public bool WasRejected => Rejection is not null;
}
