using System.Text;

namespace Itm.Fuzz.Tests;

/// <summary>What every target promises whatever its corpus holds: a deliberately bad input is refused with the
/// documented error, and an error the target does not document escapes (so afl-fuzz sees it as a crash).</summary>
public sealed class TargetContractTests : IDisposable
{
    private readonly Scratch scratch = new();

    public static TheoryData<string> Names() => [.. FuzzTargets.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Garbage_is_refused_with_the_documented_error(string targetName)
    {
        // Given bytes that are no valid input for any target: a lone '+' (an operator with no term) and binary noise
        byte[] garbage = [.. Encoding.UTF8.GetBytes("+ "), 0x00, 0xFF, 0x13, 0x37, .. Encoding.UTF8.GetBytes("\"{[<"), 0xC3];

        // When the target runs them
        var outcome = FuzzTargets.Find(targetName)!.Run(garbage, scratch);

        // Then they are refused, not read and not crashed on
        Assert.True(outcome.WasRejected, $"{targetName} read binary noise as valid input.");
    }

    [Fact]
    public void Target_names_are_unique()
    {
        Assert.Equal(FuzzTargets.Names.Count(), FuzzTargets.Names.Distinct(StringComparer.Ordinal).Count());
    }

    public void Dispose() => scratch.Dispose();
}
