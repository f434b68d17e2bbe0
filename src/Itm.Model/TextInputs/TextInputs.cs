using Itm.Model.Features;
using Itm.Model.TextEncoders;

namespace Itm.Model.TextInputs;

/// <summary>
/// Text inputs for a collection of sentences, one per sentence in the order asked for, and, for a pretrained
/// sentence encoder, what it took to make them (distinct sentences, cache hits, encoding rate).
/// </summary>
/// <param name="Extraction">Null for featurized ids, which cost nothing worth reporting.</param>
public sealed record TextInputs(IReadOnlyList<TextInput> Inputs, SentenceExtractionResult? Extraction);
