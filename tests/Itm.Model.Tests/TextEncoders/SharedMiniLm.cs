using Itm.Model.TextEncoders;

namespace Itm.Model.Tests.TextEncoders;

/// <summary>
/// One MiniLM for the whole test run: loading its 90 MB model costs most of a second, and it is stateless between
/// calls. Never disposed (the process exit frees it), so tests must not dispose a source that wraps it.
/// </summary>
internal static class SharedMiniLm
{
    private static readonly Lazy<MiniLmExtractor> Lazy = new(() => new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = 2 }));

    public static MiniLmExtractor Instance => Lazy.Value;

    public static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
