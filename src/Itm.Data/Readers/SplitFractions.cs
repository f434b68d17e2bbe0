using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Itm.Data.Readers;

/// <summary>
/// How a format without split information (a <c>captions.jsonl</c> line with no <c>"split"</c>) divides its images.
/// The split is chosen from a SHA-256 hash of the image's key, not from a random generator, so every run,
/// machine and .NET version puts the same image in the same split, and adding images never moves old ones.
/// </summary>
/// <param name="Train">Fraction of images for training, 0..1.</param>
/// <param name="Val">Fraction for validation, 0..1.</param>
/// <param name="Test">Fraction for test, 0..1. The three must add up to 1.</param>
public sealed record SplitFractions(double Train, double Val, double Test)
{
    /// <summary>80 % train, 10 % validation, 10 % test.</summary>
    public static SplitFractions Default { get; } = new(0.8, 0.1, 0.1);

    /// <summary>Throws <see cref="ArgumentException"/> unless each fraction is in 0..1 and they add up to 1.</summary>
    public void Validate()
    {
        foreach ((string name, double value) in new[] { ("Train", Train), ("Val", Val), ("Test", Test) })
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentException($"Split fraction {name} is {value}; each fraction must be between 0 and 1.");
            }
        }

        if (Math.Abs(Train + Val + Test - 1) > 1e-9)
        {
            throw new ArgumentException($"Split fractions {Train} + {Val} + {Test} add up to {Train + Val + Test}; they must add up to 1.");
        }
    }

    /// <summary>The split for <paramref name="key"/> (a relative image path): the same key always gets the same split.</summary>
    public Split Assign(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), digest);

        // The top 53 bits give a uniform double in [0, 1) with no rounding up to 1.
        double position = (BinaryPrimitives.ReadUInt64BigEndian(digest) >> 11) * (1.0 / (1UL << 53));
        if (position < Train)
        {
            return Split.Train;
        }

        return position < Train + Val ? Split.Val : Split.Test;
    }
}
