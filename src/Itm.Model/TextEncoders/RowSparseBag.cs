using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Model.TextEncoders;

/// <summary>
/// The weighted bag of a sentence's feature ids over an <see cref="EmbeddingBag"/> table, with an optional row-sparse
/// training mode. A training step touches the rows of the few thousand ids in its batch, but a plain bag's backward
/// writes a gradient the size of the whole table, and clipping and Adam then pass over all of it: with tens of
/// thousands of n-gram features × 1,024 that is most of a step, and it grows with the vocabulary. In row-sparse mode
/// each forward pass with gradients on copies just the rows it uses into a small trainable tensor and records it;
/// after backward the optimizer takes those gradients (<see cref="TakeRowGradients"/>) and updates only those rows
/// of the table, so the cost of a step follows the batch, not the vocabulary.
/// </summary>
/// <remarks>
/// The table itself then never receives a gradient. Outside training, with gradients off, or with
/// <see cref="RowSparse"/> false, the bag is the table's own <see cref="EmbeddingBag"/> call.
/// </remarks>
public sealed class RowSparseBag
{
    private readonly EmbeddingBag bag;
    private readonly List<(long[] Rows, Tensor Copy)> pending = [];

    public RowSparseBag(EmbeddingBag bag)
    {
        this.bag = bag ?? throw new ArgumentNullException(nameof(bag));
    }

    /// <summary>The table, <c>[V, H]</c>: one row per feature id.</summary>
    public Parameter Table => bag.weight!;

    /// <summary>
    /// Whether forward passes in training mode with gradients on go through row copies (<see cref="TakeRowGradients"/>
    /// must then be called after every backward). Set by the training loop for the length of a run.
    /// </summary>
    public bool RowSparse { get; set; }

    /// <summary>
    /// The bag of each sentence's ids, <c>[B, H]</c>: the sum of their rows weighted 1/sqrt(n), so long sentences with
    /// many n-grams don't swamp short ones (a multi-hot vector scaled to unit-ish norm).
    /// </summary>
    public Tensor Sum(IReadOnlyList<TextInput> inputs, bool training)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var (ids, offsets, weights) = Flatten(inputs);
        using var scope = NewDisposeScope();
        if (!(RowSparse && training && is_grad_enabled()))
        {
            return bag.call(tensor(ids), tensor(offsets), tensor(weights)).MoveToOuterDisposeScope();
        }

        // The distinct rows of this pass, and each id's position among them.
        var position = new Dictionary<long, long>();
        var local = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!position.TryGetValue(ids[i], out long at))
            {
                at = position.Count;
                position.Add(ids[i], at);
            }

            local[i] = at;
        }

        long[] rows = [.. position.Keys];
        Tensor copy;
        using (no_grad())
        {
            copy = Table.index_select(0, tensor(rows)).requires_grad_(true).DetachFromDisposeScope(); // [U, H]
        }

        pending.Add((rows, copy));

        // The same weighted sum by EmbeddingBag's own kernels, over the copy: its forward and backward walk the ids
        // without an [ids, H] intermediate, which, at a hundred n-grams a sentence, is tens of megabytes a step that
        // the allocator maps and faults in afresh each time. The module is made from the copy itself: a fresh one would
        // draw initial weights from the global generator, shift every later dropout mask and break exact resuming.
        using var bagOfCopy = nn.EmbeddingBag_from_pretrained(copy, freeze: false, mode: EmbeddingBagMode.Sum);
        return bagOfCopy.call(tensor(local), tensor(offsets), tensor(weights)).MoveToOuterDisposeScope();              // [B, H]
    }

    /// <summary>
    /// The gradient of every row the passes since the last call used, summed over passes, and forgets those passes:
    /// distinct row ids (ascending) and their gradients <c>[U, H]</c>; null when no pass recorded any (or none of the
    /// recorded copies got a gradient).
    /// </summary>
    public RowGradient? TakeRowGradients()
    {
        try
        {
            var withGrad = pending.Where(p => p.Copy.grad is not null).ToList();
            if (withGrad.Count == 0)
            {
                return null;
            }

            long[] all = [.. withGrad.SelectMany(p => p.Rows)];
            long[] distinct = [.. all.Distinct().Order()];
            var slot = new Dictionary<long, long>(distinct.Length);
            for (int i = 0; i < distinct.Length; i++)
            {
                slot.Add(distinct[i], i);
            }

            // The table's handle is taken in the caller's scope: one made in the scope below would be disposed with it.
            var table = Table;
            Tensor summed;
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var grads = cat(withGrad.Select(p => p.Copy.grad!).ToList(), 0);                            // [Σ U, H]
                summed = zeros([distinct.Length, grads.shape[1]], grads.dtype)
                    .PlusRows(0, tensor(all.Select(r => slot[r]).ToArray()), grads)
                    .contiguous()                                                                            // [U, H]
                    .MoveToOuterDisposeScope();
            }

            return new RowGradient(table, distinct, summed);
        }
        finally
        {
            Forget();
        }
    }

    /// <summary>
    /// Sets <see cref="RowSparse"/> on these tables until the result is disposed, which turns it off again and drops
    /// any passes recorded but never taken (a run that stopped between a forward pass and its update).
    /// </summary>
    public static IDisposable Use(IReadOnlyList<RowSparseBag> tables, bool rowSparse)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
        {
            table.RowSparse = rowSparse;
        }

        return new RowSparseScope(tables);
    }

    /// <summary>Drops the recorded passes without using them (a step that was abandoned before its update).</summary>
    public void Forget()
    {
        foreach (var (_, copy) in pending)
        {
            copy.Dispose();
        }

        pending.Clear();
    }

    /// <summary>The bags laid end to end: ids, each sentence's first position and each id's weight.</summary>
    private static (long[] Ids, long[] Offsets, float[] Weights) Flatten(IReadOnlyList<TextInput> inputs)
    {
        int total = inputs.Sum(s => s.Ids.Length);
        var ids = new long[total];
        var weights = new float[total];
        var offsets = new long[inputs.Count];
        int at = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            int[] sentence = inputs[i].Ids;
            offsets[i] = at;
            float w = 1f / MathF.Sqrt(Math.Max(1, sentence.Length));
            foreach (int id in sentence)
            {
                ids[at] = id;
                weights[at] = w;
                at++;
            }
        }

        return (ids, offsets, weights);
    }
}

internal sealed class RowSparseScope(IReadOnlyList<RowSparseBag> tables) : IDisposable
{
    public void Dispose()
    {
        foreach (var table in tables)
        {
            table.RowSparse = false;
            table.Forget();
        }
    }
}

/// <summary>
/// The gradient of some rows of a table parameter: <paramref name="Rows"/> distinct row ids and <paramref name="Grad"/>
/// <c>[Rows.Length, H]</c>, row i of it the gradient of table row <c>Rows[i]</c>; every other row's gradient is zero.
/// </summary>
public sealed record RowGradient(Parameter Table, long[] Rows, Tensor Grad) : IDisposable
{
    public void Dispose() => Grad.Dispose();
}

/// <summary>A module with tables that can train row-sparse (<see cref="RowSparseBag"/>).</summary>
public interface IRowSparseTables
{
    IReadOnlyList<RowSparseBag> RowSparseTables { get; }
}
