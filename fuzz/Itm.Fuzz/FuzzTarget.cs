namespace Itm.Fuzz;

/// <summary>
/// One parser under fuzzing: <see cref="Feed"/> hands the bytes to the real code (nothing of the parser is copied
/// here), and <see cref="IsHandled"/> names the errors that code documents for bad input. Any other exception
/// escapes <see cref="Run"/>: under afl-fuzz that is a crash, in the replay tests a failure.
/// A target's constructor must not call itm code: instrumented code run before the fuzzer starts (Program.cs) has no
/// coverage map to write to and faults, so targets make what they need on their first input.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name given on the command line and used for the corpus folders (<c>fuzz/corpora/NAME</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The code under test and the errors it may answer bad input with, for the listing and the docs.</summary>
    public abstract string Description { get; }

    public FuzzOutcome Run(byte[] input, Scratch scratch)
    {
        try
        {
            Feed(input, scratch);
            return FuzzOutcome.Accepted;
        }
        catch (Exception e) when (IsHandled(e))
        {
            return new FuzzOutcome(e);
        }
    }

    protected abstract void Feed(byte[] input, Scratch scratch);

    protected abstract bool IsHandled(Exception e);
}
