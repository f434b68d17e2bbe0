using Itm.Model.Features;
using Itm.Model.TextEncoders;

namespace Itm.Model.Tests.TextEncoders;

/// <summary>
/// One MiniLM for the whole test run: loading its 90 MB model costs most of a second, and it is stateless between
/// calls. Never disposed (the process exit frees it), so tests must not dispose a source that wraps it.
/// </summary>
internal static class SharedMiniLm
{
    private static readonly Lazy<MiniLmExtractor> Lazy = new(() => new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = 2 }));

    private static readonly Lazy<MiniLmExtractor> LazyInt8 = new(() => new MiniLmExtractor(new MiniLmOptions { IntraOpThreads = 2, Precision = PretrainedPrecision.Int8 }));

    public static MiniLmExtractor Instance => Lazy.Value;

    /// <summary>The same encoder with its matrix products in int8.</summary>
    public static MiniLmExtractor Int8 => LazyInt8.Value;

    public static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
