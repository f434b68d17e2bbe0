namespace Itm.Model.Features;

/// <summary>How the errors that refuse a model show the fingerprints of its inputs.</summary>
internal static class InputFingerprint
{
    /// <summary>
    /// Why a model's inputs may now be computed otherwise, for those errors: since 2026-12 int8 weights have seven bits,
    /// so an int8 model trained before has other inputs than this itm computes.
    /// </summary>
    public const string Int8SchemeChanged = "another int8 scheme: int8 weights have seven bits since 2026-12, docs/training.md";

    /// <summary>
    /// A fingerprint cut short for a message, long enough to tell two apart: a name and eight hex digits at least
    /// ("minilm-int8-0c49326b", "resnet18-int8-8940ecd0"; cut to 12, both int8 ones read as their prefix).
    /// </summary>
    public static string Shown(string fingerprint) => fingerprint[..Math.Min(24, fingerprint.Length)];
}
