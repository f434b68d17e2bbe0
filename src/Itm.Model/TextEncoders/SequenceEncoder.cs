using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// SSE, the sequence encoder: word embeddings fed to a bidirectional GRU over the variable-length
/// sentence (packed, so padding never enters the recurrence); the last forward and backward states
/// are concatenated and projected to the joint space.
/// </summary>
public sealed class SequenceEncoder : TextEncoder
{
    private readonly Embedding embedding;
    private readonly GRU gru;
    private readonly Dropout dropout;
    private readonly Linear output;
    private readonly int hiddenDim;

    public SequenceEncoder(int vocabularySize, int wordDim, int hiddenDim, int jointDim, double dropout)
        : base(nameof(SequenceEncoder))
    {
        this.hiddenDim = hiddenDim;
        embedding = nn.Embedding(vocabularySize, wordDim, padding_idx: 0);
        gru = nn.GRU(wordDim, hiddenDim, numLayers: 1, batchFirst: true, bidirectional: true);
        this.dropout = nn.Dropout(dropout);
        output = nn.Linear(2 * hiddenDim, jointDim);
        RegisterComponents();
    }

    public override Tensor Encode(IReadOnlyList<TextInput> inputs)
    {
        var sentences = inputs.Select(input => input.Ids).ToList();
        int batch = sentences.Count;
        int maxLength = Math.Max(1, sentences.Max(s => s.Length));
        var padded = new long[batch * maxLength];
        var lengths = new long[batch];
        for (int i = 0; i < batch; i++)
        {
            int[] s = sentences[i];
            lengths[i] = Math.Max(1, s.Length);
            for (int t = 0; t < s.Length; t++)
            {
                padded[(i * maxLength) + t] = s[t];
            }
        }

        using var scope = NewDisposeScope();
        var tokens = tensor(padded).view(batch, maxLength);                                   // [B, T]
        var words = dropout.call(embedding.call(tokens));                                    // [B, T, E]
        using var packed = nn.utils.rnn.pack_padded_sequence(words, tensor(lengths), batch_first: true, enforce_sorted: false);
        var (_, last) = gru.call(packed, null);                                              // last: [2, B, H]
        var both = last.permute(1, 0, 2).reshape(batch, 2 * hiddenDim);                       // [B, 2H]
        return output.call(dropout.call(both)).MoveToOuterDisposeScope();                    // [B, D]
    }
}
