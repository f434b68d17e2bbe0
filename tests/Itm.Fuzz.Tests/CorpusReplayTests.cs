namespace Itm.Fuzz.Tests;

/// <summary>
/// Replays every checked-in fuzz input through its target, as the normal suite's short stand-in for a fuzzing run:
/// an input may be read or refused with the target's documented error, never anything else.
/// </summary>
public sealed class CorpusReplayTests : IDisposable
{
    private readonly Scratch scratch = new();

    public static TheoryData<string, string> Inputs() => FuzzInputs.All();

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_is_read_or_refused_with_the_documented_error(string targetName, string input)
    {
        // Given a checked-in input of the target
        var target = FuzzTargets.Find(targetName)!;
        byte[] bytes = File.ReadAllBytes(Path.Combine(FuzzInputs.FuzzFolder, input));

        // When the target runs it (an undocumented exception fails the test by escaping)
        var outcome = target.Run(bytes, scratch);

        // Then a file named bad-* is refused, with a message
        if (Path.GetFileName(input).StartsWith(FuzzInputs.BadPrefix, StringComparison.Ordinal))
        {
            Assert.True(outcome.WasRejected, $"{input} was read, but it is bad input that {targetName} must refuse.");
            Assert.False(string.IsNullOrWhiteSpace(outcome.Rejection!.Message));
        }
    }

    [Fact]
    public void Every_target_has_a_corpus_with_a_good_and_a_bad_input()
    {
        foreach (var target in FuzzTargets.All)
        {
            string[] names = Directory.GetFiles(Path.Combine(FuzzInputs.FuzzFolder, "corpora", target.Name)).Select(Path.GetFileName).ToArray()!;
            Assert.Contains(names, name => name.StartsWith(FuzzInputs.BadPrefix, StringComparison.Ordinal));
            Assert.Contains(names, name => !name.StartsWith(FuzzInputs.BadPrefix, StringComparison.Ordinal));
        }
    }

    public void Dispose() => scratch.Dispose();
}
