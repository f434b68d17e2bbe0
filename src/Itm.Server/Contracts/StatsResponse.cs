namespace Itm.Server.Contracts;

/// <summary>What the index holds, the model behind it, how it searches, and the limits of one request.</summary>
/// <param name="Images">Readable images (with a vector).</param>
/// <param name="Captions">Captions that <c>annotate</c> ranks.</param>
/// <param name="Dimension">Length of every vector.</param>
/// <param name="Search">The structure that answers image queries: <c>exact</c> or <c>hnsw</c>.</param>
/// <param name="Centring">
/// <c>collection</c> when the index's image vectors are centred on the collection's mean (so are uploaded images'), else <c>none</c>.
/// </param>
public sealed record StatsResponse(long Images, long Captions, int Dimension, ModelInfo Model, string Search, LimitsInfo Limits, string Centring);

/// <summary>The model the index was built with.</summary>
/// <param name="Text">The text channel (its catalog name: bow, ngram-3+skip, sse, minilm, ...); null when the model folder can't be read now.</param>
/// <param name="Image">The image channel (resnet18, resnet18tune, convnet); null when the model folder can't be read now.</param>
/// <param name="Folder">The model folder's name (not its full path).</param>
public sealed record ModelInfo(string? Text, string? Image, string Folder);

/// <summary>The limits of one request, so a client can check before sending.</summary>
public sealed record LimitsInfo(int MaxQueryLength, int DefaultK, int MaxK, long MaxUploadBytes, int MaxExplainGrid);
