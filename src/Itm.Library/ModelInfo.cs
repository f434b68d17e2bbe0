namespace Itm;

/// <summary>What a loaded model is, read from its <c>model.json</c>.</summary>
/// <param name="ModelDir">Absolute path of the model folder.</param>
/// <param name="TextModel">
/// The text channel, a name of the encoder catalog: <c>bow</c>, <c>ngram-2</c>, <c>ngram-3</c>, <c>ngram-3+skip</c>,
/// <c>sse</c>, <c>minilm</c>, <c>minilm+ngram-2</c> or <c>minilm+ngram-3+skip</c>.
/// </param>
/// <param name="ImageModel">The image channel: <c>resnet18</c>, <c>resnet18tune</c> or <c>convnet</c>.</param>
/// <param name="Dimension">Length of every vector the model produces (the joint space's dimension).</param>
/// <param name="Dataset">The name of the dataset it was trained on, or null when the folder does not say.</param>
/// <param name="IsCalibrated">
/// Whether the folder holds a calibration of search scores (<c>calibration.json</c>), which gives search results a
/// probability of matching and lets a search keep only the likely ones.
/// </param>
/// <param name="Created">When the model folder was written.</param>
public sealed record ModelInfo(
    string ModelDir,
    string TextModel,
    string ImageModel,
    int Dimension,
    string? Dataset,
    bool IsCalibrated,
    DateTimeOffset Created);
