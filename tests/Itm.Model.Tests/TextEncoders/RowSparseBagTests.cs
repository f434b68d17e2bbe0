using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.Tests.TextEncoders;

/// <summary>
/// <see cref="RowSparseBag"/> against the plain <c>EmbeddingBag</c> it stands in for: the same forward values, and the
/// rows' gradients equal to the rows of the dense gradient, all other rows' dense gradient being zero.
/// </summary>
[Collection("Sequential")]
public sealed class RowSparseBagTests
{
    private static readonly TextInput[][] Passes =
    [
        [TextInput.FromIds([3, 7, 7, 12]), TextInput.FromIds([0]), TextInput.FromIds([12, 5, 3]), TextInput.FromIds([])],
        [TextInput.FromIds([7, 19]), TextInput.FromIds([3, 3, 3, 3, 3, 3, 3, 3, 3])],
    ];

    public static TheoryData<string> Models => ["bow", "hybrid"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Row_copies_give_the_bags_values_and_the_dense_gradients_rows(string kind)
    {
        using var dense = Model(kind, seed: 3);
        using var sparse = Model(kind, seed: 3);
        var table = Assert.Single(sparse.RowSparseTables);
        using var scope = RowSparseBag.Use(sparse.RowSparseTables, rowSparse: true);
        dense.train();
        sparse.train();

        // Two passes in one step, as a batch and its extra negatives are: their gradients add up.
        var denseLoss = Passes.Select(p => Loss(dense, Inputs(kind, p))).Aggregate((a, b) => a + b);
        var sparseLoss = Passes.Select(p => Loss(sparse, Inputs(kind, p))).Aggregate((a, b) => a + b);
        Assert.Equal(denseLoss.item<float>(), sparseLoss.item<float>(), 5);
        denseLoss.backward();
        sparseLoss.backward();

        using var rows = table.TakeRowGradients();
        Assert.NotNull(rows);
        Assert.Null(table.Table.grad);
        long[] used = [.. Passes.SelectMany(p => p).SelectMany(s => s.Ids).Select(i => (long)i).Distinct().Order()];
        Assert.Equal(used, rows!.Rows);
        var denseGrad = Assert.Single(dense.RowSparseTables).Table.grad!;
        Assert.True(denseGrad.index_select(0, tensor(used)).allclose(rows.Grad, rtol: 1e-5, atol: 1e-7));
        var unused = Enumerable.Range(0, (int)denseGrad.shape[0]).Select(i => (long)i).Except(used).ToArray();
        Assert.Equal(0f, denseGrad.index_select(0, tensor(unused)).abs().max().item<float>());

        // Every other parameter of the text channel gets the same gradient either way.
        var others = dense.named_parameters().Zip(sparse.named_parameters()).Where(p => p.First.name.StartsWith("text.", StringComparison.Ordinal) && !p.First.name.Contains("bag", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, p => Assert.True(p.First.parameter.grad!.allclose(p.Second.parameter.grad!, rtol: 1e-5, atol: 1e-7), p.First.name));
        Assert.Null(table.TakeRowGradients());
    }

    [Fact]
    public void Without_gradients_or_in_evaluation_the_table_is_read_directly_and_nothing_is_recorded()
    {
        using var model = Model("bow", seed: 4);
        var table = Assert.Single(model.RowSparseTables);
        using var scope = RowSparseBag.Use(model.RowSparseTables, rowSparse: true);

        model.train();
        using (no_grad())
        {
            using var a = model.EncodeTexts(Passes[0]);
        }

        model.eval();
        using var b = model.EncodeTexts(Passes[0]);
        b.sum().backward();

        Assert.Null(table.TakeRowGradients());
        Assert.NotNull(table.Table.grad);
    }

    [Fact]
    public void Leaving_the_mode_turns_it_off_and_drops_passes_not_taken()
    {
        using var model = Model("bow", seed: 5);
        var table = Assert.Single(model.RowSparseTables);
        model.train();
        using (RowSparseBag.Use(model.RowSparseTables, rowSparse: true))
        {
            Assert.True(table.RowSparse);
            Loss(model, Passes[0]).backward();
        }

        Assert.False(table.RowSparse);
        Assert.Null(table.TakeRowGradients());
    }

    private static Tensor Loss(JointEmbeddingModel model, IReadOnlyList<TextInput> sentences)
    {
        // A loss that weighs every output component differently, so each row's gradient is distinct.
        var output = model.EncodeTexts(sentences);
        return (output * arange(output.numel(), dtype: ScalarType.Float32).reshape(output.shape).sin()).sum();
    }

    private static JointEmbeddingModel Model(string kind, int seed)
    {
        manual_seed(seed);
        var text = kind == "bow"
            ? new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 16, Dropout = 0 }
            : new TextEncoderOptions { Model = HybridTextSpec.MiniLmBigram, HiddenDim = 16, Dropout = 0 };
        return JointEmbeddingFactory.Create(new JointEmbeddingOptions { Dim = 8, Text = text }, 24, [512]);
    }

    /// <summary>The hybrid channel reads a sentence vector beside the ids.</summary>
    private static TextInput[] Inputs(string kind, TextInput[] pass) =>
        kind == "bow" ? pass : [.. pass.Select(s => TextInput.FromBoth(s.Ids, Vector(s.Ids)))];

    private static float[] Vector(int[] ids)
    {
        var random = new Random(ids.Length + ids.Sum());
        return [.. Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5))];
    }
}
