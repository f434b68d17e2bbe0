using System.Collections.Concurrent;
using TorchSharp;

namespace Itm.Model;

/// <summary>
/// Scalars that live as long as the process. TorchSharp's tensor methods pass a Scalar's native handle on and nothing
/// else, so a Scalar made for one call (<c>t.div(0.1)</c>, <c>t * 0.5</c>, <c>masked_fill(m, 0)</c>, the alpha of 1 in
/// <c>a + b</c>) can be finalised (freed) by the collector while libtorch reads it; two long training runs died of it
/// ("Expected false to be true ... toFloat", "INTERNAL ASSERT FAILED at Scalar.h:279"). Constants come from here;
/// a value that changes every step (a learning rate, a clip factor) is a <c>using var s = value.ToScalar();</c> local
/// instead, which its dispose keeps alive until after the call. The test ScalarLifetimeTests enforces both.
/// </summary>
internal static class HeldScalars
{
    /// <summary>Option-derived values (a margin, a temperature) are few in a process; more than this many is a per-step
    /// value that belongs in a local, and an entry can never be evicted (another thread may be passing it on).</summary>
    private const int MaxOptionValues = 1024;

    private static readonly ConcurrentDictionary<int, Scalar> OptionValues = new();

    // Int32 like the literals they replace, so libtorch sees the same Scalar types as before.
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();

    public static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

    /// <summary>A held float32 Scalar of <paramref name="value"/>, for constants taken from options.</summary>
    /// <exception cref="InvalidOperationException">More distinct values than any set of options has asked for.</exception>
    public static Scalar Of(float value)
    {
        // Keyed by bits: -0 and 0 are equal as floats but not as Scalars.
        int bits = BitConverter.SingleToInt32Bits(value);
        if (OptionValues.TryGetValue(bits, out var held))
        {
            return held;
        }

        if (OptionValues.Count >= MaxOptionValues)
        {
            throw new InvalidOperationException(
                $"More than {MaxOptionValues} held Scalars: a value that changes per step must be a disposed local, not a held Scalar.");
        }

        return OptionValues.GetOrAdd(bits, _ => value.ToScalar());
    }
}
