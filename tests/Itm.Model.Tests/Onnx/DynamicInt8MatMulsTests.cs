using Itm.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Itm.Model.Tests.Onnx;

/// <summary>
/// The int8 rewrite of a transformer's weight products, on a small graph: x [n, 6] → MatMul(w1) → Add(b1) → Relu →
/// MatMul(w2) → y [n, 3], plus a product of two activations that must stay float. ONNX Runtime runs the rewritten
/// graph; a naive loop that quantises the same way (uint8 input per call, int8 weights per column) predicts its output.
/// </summary>
public sealed class DynamicInt8MatMulsTests
{
    private const int In = 6;
    private const int Hidden = 5;
    private const int Out = 3;

    [Fact]
    public void Weight_products_become_int8_operators_and_the_bias_add_is_folded()
    {
        var (model, _) = Network();

        var quantised = DynamicInt8MatMuls.Quantise(model, out var report);

        Assert.Equal(new MatMulQuantisationReport(2, 1, (In * Hidden + Hidden * Out) * 4, In * Hidden + Hidden * Out + (Hidden + Out) * 4), report);
        var nodes = OnnxModelFile.ReadNodes(quantised);
        Assert.Equal(2, nodes.Count(n => n.OpType == "DynamicQuantizeMatMul" && n.Domain == DynamicInt8MatMuls.MicrosoftDomain));
        Assert.DoesNotContain(nodes, n => n.OpType == "Add");
        var attention = Assert.Single(nodes, n => n.OpType == "MatMul");
        Assert.Equal(["x", "xt"], attention.Inputs);   // two activations: nothing to quantise ahead of time
        Assert.Throws<InvalidDataException>(() => OnnxModelFile.ReadFloatInitializer(quantised, "w1"));   // the float weight is gone
        Assert.Equal(OnnxModelFile.ReadFloatInitializer(model, "b1").Values, OnnxModelFile.ReadFloatInitializer(quantised, "b1").Values);
    }

    [Fact]
    public void Onnx_runtime_computes_what_a_naive_dynamic_int8_loop_computes()
    {
        var (model, weights) = Network();
        var quantised = DynamicInt8MatMuls.Quantise(model, out _);
        var random = new Random(3);
        const int rows = 4;
        var x = Enumerable.Range(0, rows * In).Select(_ => (float)(random.NextDouble() * 4 - 1.5)).ToArray();

        var (floatY, _) = Run(model, x, rows);
        var (int8Y, gram) = Run(quantised, x, rows);

        var hidden = NaiveDynamicInt8(x, rows, In, Hidden, weights.W1).Select((v, i) => Math.Max(0, v + weights.B1[i % Hidden])).ToArray();
        var expected = NaiveDynamicInt8(hidden, rows, Hidden, Out, weights.W2);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - int8Y[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"output {i}: ORT {int8Y[i]}, naive {expected[i]}");
            Assert.True(Math.Abs(floatY[i] - int8Y[i]) <= 0.05f * (1 + Math.Abs(floatY[i])), $"output {i}: int8 {int8Y[i]} strays from float {floatY[i]}");
        }

        var (_, floatGram) = Run(model, x, rows);
        Assert.Equal(floatGram, gram);   // the product of two activations ran in float, untouched
    }

    [Fact]
    public void A_weight_that_another_operator_also_reads_is_kept()
    {
        var (model, _) = Network(w1AlsoOutput: true);

        var quantised = DynamicInt8MatMuls.Quantise(model, out var report);

        Assert.Equal(2, report.MatMuls);
        Assert.Equal(In * Hidden, OnnxModelFile.ReadFloatInitializer(quantised, "w1").Values.Length);
        Assert.Contains(OnnxModelFile.ReadNodes(quantised), n => n.OpType == "Identity" && n.Inputs[0] == "w1");
    }

    /// <summary>
    /// ONNX Runtime's dynamic scheme by hand: the input's range widened to hold 0, scale = range / 255, zero point
    /// = round(−min / scale), values rounded half to even and clamped to [0, 255]; then an integer product with the
    /// per-column int8 weights, scaled back to float.
    /// </summary>
    private static float[] NaiveDynamicInt8(float[] a, int rows, int k, int n, float[] w)
    {
        var min = Math.Min(0f, a.Min());
        var max = Math.Max(0f, a.Max());
        var scale = (max - min) / 255f;
        var zero = (int)Math.Clamp(MathF.Round(-min / scale, MidpointRounding.ToEven), 0, 255);
        var qa = a.Select(v => (int)Math.Clamp(MathF.Round(v / scale, MidpointRounding.ToEven) + zero, 0, 255)).ToArray();
        var (qw, wScales) = Int8Weights.PerChannel(new OnnxFloatTensor("w", [k, n], w), axis: 1);
        var y = new float[rows * n];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < n; c++)
            {
                long sum = 0;
                for (var i = 0; i < k; i++)
                {
                    sum += (long)(qa[r * k + i] - zero) * qw[i * n + c];
                }

                y[r * n + c] = sum * scale * wScales[c];
            }
        }

        return y;
    }

    private static (float[] Y, float[] Gram) Run(byte[] model, float[] x, int rows)
    {
        using var session = new InferenceSession(model);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [rows, In]);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y", "gram"]);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[1].GetTensorDataAsSpan<float>().ToArray());
    }

    private static (byte[] Model, (float[] W1, float[] B1, float[] W2) Weights) Network(bool w1AlsoOutput = false)
    {
        var random = new Random(7);
        float[] Values(int count, double spread) => [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * spread))];
        var w1 = Values(In * Hidden, 2);
        var b1 = Values(Hidden, 1);
        var w2 = Values(Hidden * Out, 3);

        var g = new OnnxGraphBuilder("t");
        g.Input("x", OnnxDataType.Float, ["n", In], "input");
        g.Output("y", OnnxDataType.Float, ["n", Out], "output");
        g.Output("gram", OnnxDataType.Float, ["n", "n"], "x xᵀ");
        g.RawInitializer(OnnxGraphBuilder.TensorProto("w1", OnnxDataType.Float, System.Runtime.InteropServices.MemoryMarshal.AsBytes(w1.AsSpan()), [In, Hidden]).AsSpan());
        g.RawInitializer(OnnxGraphBuilder.TensorProto("b1", OnnxDataType.Float, System.Runtime.InteropServices.MemoryMarshal.AsBytes(b1.AsSpan()), [Hidden]).AsSpan());
        g.RawInitializer(OnnxGraphBuilder.TensorProto("w2", OnnxDataType.Float, System.Runtime.InteropServices.MemoryMarshal.AsBytes(w2.AsSpan()), [Hidden, Out]).AsSpan());
        g.NodeNamed("mm1", "MatMul", ["x", "w1"], ["h"]);
        g.NodeNamed("bias1", "Add", ["b1", "h"], ["hb"]);   // bias first, as some exporters write it
        g.NodeNamed("relu", "Relu", ["hb"], ["r"]);
        g.NodeNamed("mm2", "MatMul", ["r", "w2"], ["y"]);
        g.NodeNamed("transpose", "Transpose", ["x"], ["xt"]);
        g.NodeNamed("attention", "MatMul", ["x", "xt"], ["gram"]);
        if (w1AlsoOutput)
        {
            g.NodeNamed("copy", "Identity", ["w1"], ["w1_copy"]);
            g.Output("w1_copy", OnnxDataType.Float, [In, Hidden], "the weight itself");
        }

        return (g.ToModel("t", "test", new Dictionary<string, string>()), (w1, b1, w2));
    }
}
