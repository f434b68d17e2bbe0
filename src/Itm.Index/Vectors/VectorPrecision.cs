namespace Itm.Index.Vectors;

/// <summary>
/// How a vector file stores its values. float16 halves the file at a cost a search barely sees: each component keeps 11
/// significant bits (a relative error of at most 2⁻¹¹), so the cosine of a unit row with a unit query moves by at most
/// ~5e-4 and the rare reordering is between images that score alike to three decimals. Queries, centres and scores stay
/// float32; rows are widened as they are read.
/// </summary>
public enum VectorPrecision
{
    /// <summary>4 bytes a value: what the model computed, unchanged (the default).</summary>
    Float32,

    /// <summary>2 bytes a value (IEEE half).</summary>
    Float16,
}

public static class VectorPrecisionExtensions
{
    /// <summary>Bytes one value takes in the file.</summary>
    public static int ValueBytes(this VectorPrecision precision) => precision switch
    {
        VectorPrecision.Float32 => sizeof(float),
        VectorPrecision.Float16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, null),
    };
}
