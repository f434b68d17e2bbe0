namespace Itm.Model.Features;

/// <summary>
/// The arithmetic a pretrained network runs in (ResNet18 for images, MiniLM for sentences). Its outputs differ
/// slightly between precisions, so they are fingerprinted and cached apart and never mix in one model.
/// </summary>
public enum PretrainedPrecision
{
    /// <summary>The network as published, in 32-bit floats.</summary>
    Float32,

    /// <summary>
    /// Quantised to 8-bit integers and run by ONNX Runtime's int8 kernels (VNNI where the CPU has it): ResNet18
    /// statically, over activation ranges measured on calibration images (<see cref="ImageEncoders.ResNet18Int8Ranges"/>);
    /// MiniLM dynamically, each matrix product quantising its input as it runs.
    /// </summary>
    Int8,
}
