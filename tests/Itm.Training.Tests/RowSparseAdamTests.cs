using Itm.Model.TextEncoders;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Training.Tests;

/// <summary>
/// <see cref="FusedAdam.ClipAndStep"/> with row gradients ("lazy" Adam on a table's used rows) against a naive
/// element-by-element SparseAdam, and against the dense step where the two must agree.
/// </summary>
[Collection("Sequential")]
public sealed class RowSparseAdamTests
{
    [Theory]
    [InlineData(40, 6, 1000.0)]      // small table, clipping inactive
    [InlineData(40, 6, 0.3)]         // clipping active: the row gradients count in the global norm
    [InlineData(3000, 40, 0.5)]      // enough rows × width to be split over threads
    public void From_fresh_moments_a_row_step_is_the_dense_step(int count, int width, double maxNorm)
    {
        manual_seed(8);
        var denseTable = new Parameter(randn(count, width));
        var denseBias = new Parameter(randn(width));
        var sparseTable = new Parameter(denseTable.detach().clone());
        var sparseBias = new Parameter(denseBias.detach().clone());
        using var denseAdam = optim.Adam([denseTable, denseBias], 0.01);
        using var sparseAdam = optim.Adam([sparseTable, sparseBias], 0.01);
        long[] rows = [.. Enumerable.Range(0, count).Where(r => r % 3 != 1).Select(r => (long)r)];
        using var rowGrad = randn(rows.Length, width);
        using var biasGrad = randn(width);

        denseTable.grad = zeros(count, width).index_copy(0, tensor(rows), rowGrad);
        denseBias.grad = biasGrad.clone();
        double denseNorm = FusedAdam.ClipAndStep(denseAdam, maxNorm);
        sparseBias.grad = biasGrad.clone();
        double sparseNorm = FusedAdam.ClipAndStep(sparseAdam, maxNorm, [new RowGradient(sparseTable, rows, rowGrad.clone())]);

        // Untouched rows: zero moments and zero gradient move nothing in either step.
        Assert.Equal(denseNorm, sparseNorm, 3);
        Assert.True(denseTable.allclose(sparseTable, rtol: 1e-6, atol: 1e-7));
        Assert.True(denseBias.allclose(sparseBias, rtol: 1e-6, atol: 1e-7));
        var denseStates = denseAdam.state_dict().State.Cast<Adam.State>().ToList();
        var sparseStates = sparseAdam.state_dict().State.Cast<Adam.State>().ToList();
        Assert.Equal(denseStates.Select(s => s.step), sparseStates.Select(s => s.step));
        Assert.True(denseStates[0].exp_avg.allclose(sparseStates[0].exp_avg, rtol: 1e-6, atol: 1e-7));
        Assert.True(denseStates[0].exp_avg_sq.allclose(sparseStates[0].exp_avg_sq, rtol: 1e-6, atol: 1e-10));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void Over_several_steps_it_is_lazy_adam_on_the_used_rows(double weightDecay)
    {
        const int count = 12, width = 5, steps = 4;
        const double lr = 0.05, maxNorm = 0.8, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        manual_seed(9);
        var table = new Parameter(randn(count, width));
        var other = new Parameter(randn(3));
        using var adam = optim.Adam([table, other], lr, weight_decay: weightDecay);

        // The naive reference, in doubles: every element on its own.
        double[,] p = To2D(table), m = new double[count, width], v = new double[count, width];
        double[] q = [.. other.data<float>().Select(x => (double)x)], qm = new double[3], qv = new double[3];
        long[][] used = [[0, 3, 4], [3, 11], [1, 3, 4, 5, 6], [0]];
        var random = new Random(4);
        for (int t = 1; t <= steps; t++)
        {
            long[] rows = used[t - 1];
            double[,] g = new double[rows.Length, width];
            double[] h = new double[3];
            double squares = 0;
            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    g[i, j] = (random.NextDouble() * 4) - 2;
                    squares += g[i, j] * g[i, j];
                }
            }

            for (int j = 0; j < 3; j++)
            {
                h[j] = (random.NextDouble() * 4) - 2;
                squares += h[j] * h[j];
            }

            other.grad = tensor(h.Select(x => (float)x).ToArray());
            var rowGrad = tensor(Flatten(g), [rows.Length, width]);
            FusedAdam.ClipAndStep(adam, maxNorm, [new RowGradient(table, rows, rowGrad)]);
            rowGrad.Dispose();

            double scale = Math.Min(maxNorm / (Math.Sqrt(squares) + 1e-6), 1);
            void Step(ref double pe, ref double me, ref double ve, double ge)
            {
                ge = (ge * scale) + (weightDecay * pe);
                me = (beta1 * me) + ((1 - beta1) * ge);
                ve = (beta2 * ve) + ((1 - beta2) * ge * ge);
                pe -= lr / (1 - Math.Pow(beta1, t)) * me / ((Math.Sqrt(ve) / Math.Sqrt(1 - Math.Pow(beta2, t))) + eps);
            }

            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = 0; j < width; j++)
                {
                    Step(ref p[rows[i], j], ref m[rows[i], j], ref v[rows[i], j], g[i, j]);
                }
            }

            for (int j = 0; j < 3; j++)
            {
                Step(ref q[j], ref qm[j], ref qv[j], h[j]);
            }
        }

        // Rows 2, 7–10 were never used: bit for bit what they started as.
        double[,] actual = To2D(table);
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < width; j++)
            {
                Assert.True(Math.Abs(actual[r, j] - p[r, j]) < 1e-5, $"row {r}, column {j}: {actual[r, j]} vs naive {p[r, j]}");
            }
        }

        float[] otherActual = other.data<float>().ToArray();
        Assert.All(Enumerable.Range(0, 3), j => Assert.True(Math.Abs(otherActual[j] - q[j]) < 1e-5, $"bias {j}"));
        var states = adam.state_dict().State.Cast<Adam.State>().ToList();
        Assert.Equal(steps, states[0].step);
        Assert.Equal(0f, states[0].exp_avg[2].abs().max().item<float>());
    }

    [Fact]
    public void A_row_gradient_of_a_table_the_optimizer_does_not_hold_is_refused()
    {
        var held = new Parameter(randn(4, 2));
        var stranger = new Parameter(randn(4, 2));
        using var adam = optim.Adam([held], 0.01);
        using var rowGrad = randn(1, 2);

        var error = Assert.Throws<ArgumentException>(() => FusedAdam.ClipAndStep(adam, 1.0, [new RowGradient(stranger, [0], rowGrad.clone())]));
        Assert.Contains("not one of the optimizer's parameters", error.Message);
    }

    private static double[,] To2D(Tensor table)
    {
        float[] data = table.data<float>().ToArray();
        int count = (int)table.shape[0], width = (int)table.shape[1];
        var result = new double[count, width];
        for (int r = 0; r < count; r++)
        {
            for (int j = 0; j < width; j++)
            {
                result[r, j] = data[(r * width) + j];
            }
        }

        return result;
    }

    private static float[] Flatten(double[,] values) => [.. values.Cast<double>().Select(x => (float)x)];
}
