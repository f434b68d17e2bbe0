using Itm.Model.TextEncoders;

namespace Itm.Model.Tests.Features;

/// <summary>Stands in for a sentence encoder: a sentence's "vector" is [length, first char, 1]. Every call is recorded.</summary>
internal sealed class FakeSentenceExtractor : ISentenceFeatureExtractor
{
    public string Name => "fake-text";

    public int Dimension => 3;

    public string Fingerprint { get; init; } = "fake-text-1";

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public float[][] Extract(IReadOnlyList<string> sentences, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        Calls.Add([.. sentences]);
        progress?.Report(sentences.Count);
        return [.. sentences.Select(Expected)];
    }

    public static float[] Expected(string sentence) => [sentence.Length, sentence.Length == 0 ? 0 : sentence[0], 1];
}
