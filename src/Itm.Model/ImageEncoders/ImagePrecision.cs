namespace Itm.Model.ImageEncoders;

/// <summary>The arithmetic the pretrained image network runs in.</summary>
public enum ImagePrecision
{
    /// <summary>The network as published, in 32-bit floats.</summary>
    Float32,

    /// <summary>
    /// Statically quantised: int8 weights per output channel and uint8 activations over ranges measured on calibration
    /// images (<see cref="ResNet18Int8Ranges"/>), run by ONNX Runtime's int8 kernels (VNNI where the CPU has it). Its
    /// features differ slightly from <see cref="Float32"/>'s, so they are cached apart.
    /// </summary>
    Int8,
}
