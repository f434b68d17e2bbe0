using System.Runtime.CompilerServices;
using Itm.Data.Text;
using Itm.Model.Catalog;
using Itm.Model.Export;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using Itm.Model.TextEncoders;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.Tests.Catalog;

/// <summary>
/// A text encoder that itm does not ship, added the way a new one lands: this one file (the module and its spec) plus
/// one line that puts it in the catalog (<see cref="MeanWordsCatalogEntry"/>; a built-in encoder's line is in
/// <see cref="EncoderCatalog"/>). Every test that iterates the catalog then trains, saves, loads and exports it.
/// The mean of the sentence's word vectors, projected to the joint space.
/// </summary>
public sealed class MeanWordsEncoder : TextEncoder
{
    private readonly Embedding words;
    private readonly Linear output;

    public MeanWordsEncoder(int vocabularySize, int wordDim, int jointDim)
        : base(nameof(MeanWordsEncoder))
    {
        words = nn.Embedding(vocabularySize, wordDim);
        output = nn.Linear(wordDim, jointDim);
        RegisterComponents();
    }

    public override Tensor Encode(IReadOnlyList<TextInput> sentences)
    {
        using var scope = NewDisposeScope();
        var means = sentences.Select(s => words.call(tensor(s.Ids.Select(i => (long)i).ToArray())).mean([0])).ToArray(); // B × [E]
        return output.call(stack(means)).MoveToOuterDisposeScope();                                                      // [B, D]
    }
}

/// <summary>The spec of <see cref="MeanWordsEncoder"/>: it reads the words of a bag-of-words featurizer.</summary>
public sealed class MeanWordsSpec : TextEncoderSpec
{
    public static readonly MeanWordsSpec Instance = new();

    public override string Name => "test-meanwords";

    public override string Summary => "mean of word vectors (a test encoder)";

    public override TextInputKind Input => TextInputKind.FeatureIds;

    public override IReadOnlyList<string> OptionsUsed => [nameof(TextEncoderOptions.WordDim)];

    public override TextEncoder Build(TextEncoderOptions options, int featureCount, int jointDim) => new MeanWordsEncoder(featureCount, options.WordDim, jointDim);

    public override ITextFeaturizer BuildFeaturizer(TextEncoderOptions options, IReadOnlyList<IReadOnlyList<string>> trainingTokens) =>
        NGramFeaturizer.Build(NGramScheme.Unigram, trainingTokens);

    /// <summary>Gather the word rows, average over the first <c>lengths</c> of them, Linear.</summary>
    internal override OnnxEncoderGraph ExportGraph(OnnxGraphBuilder g, ModelWeights w)
    {
        var (ids, lengths, inputs) = OnnxTextEncoderExport.IdInputs(g, "word feature ids, padded after its length with 0");
        var rows = g.Node("Gather", [w.Constant(g, "text.words.weight"), ids], OnnxAttr.Int("axis", 0));                         // [B, L, E]
        var mask = g.Node("Cast", [OnnxTextEncoderExport.LengthMask(g, ids, lengths)], OnnxAttr.Int("to", (long)OnnxDataType.Float)); // [B, L]
        var sum = g.Node("ReduceSum", [g.Node("Mul", [rows, OnnxTextEncoderExport.Unsqueeze(g, mask, 2)]), g.Constant("axis1", [1L], 1)], OnnxAttr.Int("keepdims", 0));
        var count = g.Node("Cast", [lengths], OnnxAttr.Int("to", (long)OnnxDataType.Float));
        var mean = g.Node("Div", [sum, OnnxTextEncoderExport.Unsqueeze(g, count, 1)]);                                            // [B, E]
        return new OnnxEncoderGraph(inputs, ["mean of the word rows", "linear to D"], OnnxLayers.Linear(g, w, "text.output", mean));
    }

    public override IReadOnlyList<string> ExportCallerSteps => [OnnxTextEncoderExport.TokenizeStep, OnnxTextEncoderExport.StackIdsStep];
}

/// <summary>The one catalog line of <see cref="MeanWordsSpec"/>, run when the test assembly loads.</summary>
internal static class MeanWordsCatalogEntry
{
    [ModuleInitializer]
    internal static void Add() => EncoderCatalog.Add(MeanWordsSpec.Instance);
}
