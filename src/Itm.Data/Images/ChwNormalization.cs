namespace Itm.Data.Images;

/// <summary>Order of the colour planes in a CHW tensor.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (torchvision, CLIP).</summary>
    Rgb,

    /// <summary>Blue, green, red (Caffe and CNTK models, such as the stock ResNet18).</summary>
    Bgr,
}

/// <summary>
/// How 0–255 RGB bytes become a planar float tensor: <c>value = (byte * Scale - Mean[c] - MeanImage[c, y, x]) / Std[c]</c>,
/// with <c>c</c> counted in <see cref="ChannelOrder"/>. The values come from an encoder's preprocessing file;
/// this type only applies them.
/// </summary>
public sealed record ChwNormalization
{
    public ChannelOrder ChannelOrder { get; init; } = ChannelOrder.Rgb;

    /// <summary>Multiplies the 0–255 byte first (1/255 for models trained on 0–1 input).</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>Per-channel mean, in tensor channel order, subtracted after scaling; null for none.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Per-channel divisor, in tensor channel order; null for none.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Per-pixel mean as a [3, size, size] CHW array in tensor channel order; null for none.</summary>
    public ReadOnlyMemory<float>? MeanImage { get; init; }

    /// <summary>
    /// The colour this normalization maps nearest to 0 in every channel (the channel means, and the mean image averaged
    /// over its pixels): what "nothing here" looks like to the network, so painting it over a region removes that region.
    /// </summary>
    public (byte R, byte G, byte B) NeutralColour()
    {
        var tensor = new byte[3];
        var meanImage = MeanImage is { } m ? m.Span : default;
        var plane = meanImage.Length / 3;
        for (var c = 0; c < 3; c++)
        {
            double mean = Mean is { Count: 3 } channels ? channels[c] : 0;
            if (plane > 0)
            {
                double sum = 0;
                foreach (var v in meanImage.Slice(c * plane, plane))
                {
                    sum += v;
                }

                mean += sum / plane;
            }

            tensor[c] = (byte)Math.Clamp(Math.Round(mean / Scale), 0, 255);
        }

        // Tensor channel c holds byte c of a pixel, or byte 2 - c in BGR order (as RgbImage.WriteChw reads them).
        return ChannelOrder == ChannelOrder.Bgr ? (tensor[2], tensor[1], tensor[0]) : (tensor[0], tensor[1], tensor[2]);
    }
}
