namespace Itm.Model.ImageEncoders.Onnx;

/// <summary>The range of values one activation tensor takes, measured on calibration images; what its uint8 form spans.</summary>
public readonly record struct ActivationRange(float Min, float Max)
{
    /// <summary>The smallest range holding both.</summary>
    public ActivationRange Union(ActivationRange other) => new(Math.Min(Min, other.Min), Math.Max(Max, other.Max));

    /// <summary>
    /// The uint8 scale and zero point that span this range widened to hold 0, so that 0 (padding, a ReLU's floor) is
    /// represented exactly: a range starting at 0 gets zero point 0, which also makes the uint8 floor the ReLU.
    /// </summary>
    public (float Scale, byte ZeroPoint) ToUInt8()
    {
        var low = Math.Min(Min, 0f);
        var high = Math.Max(Max, 0f);
        var scale = high > low ? (high - low) / 255f : 1f;
        var zeroPoint = (byte)Math.Clamp(MathF.Round(-low / scale), 0, 255);
        return (scale, zeroPoint);
    }
}
