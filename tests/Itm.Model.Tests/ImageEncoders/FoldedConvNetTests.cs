using Itm.Model.ImageEncoders.Onnx;
using Itm.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>
/// BatchNormalization folding and int8 quantisation on a small residual network with random weights, checked against
/// ONNX Runtime running the unfolded float network (the reference): Conv → BN → Relu → MaxPool → Conv → BN → Add (the
/// pooled tensor) → Relu → GlobalAveragePool.
/// </summary>
public sealed class FoldedConvNetTests
{
    private const int Side = 16;

    [Fact]
    public void Folding_batch_normalisation_keeps_the_network_output()
    {
        var model = ResidualNet(seed: 1);
        var folded = FoldedConvNet.Read(model, "net.onnx").ToFloat();

        foreach (var input in Inputs(count: 4, seed: 2))
        {
            var expected = Run(model, input);
            var actual = Run(folded, input);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-4f);
            }
        }

        Assert.DoesNotContain(OnnxModelFile.ReadNodes(folded), n => n.OpType == "BatchNormalization");
    }

    [Fact]
    public void The_int8_network_runs_on_int8_operators_and_stays_close_to_the_float_one()
    {
        var model = ResidualNet(seed: 3);
        var network = FoldedConvNet.Read(model, "net.onnx");
        Assert.Equal(5, network.QuantisedTensors.Count);   // the input, the first Relu, the pooled tensor (read twice), the second Conv, the last Relu

        var ranges = MeasureRanges(network, Inputs(count: 32, seed: 4));
        var int8 = network.ToInt8(ranges);

        var optimised = Path.Combine(Path.GetTempPath(), $"itm-int8-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_EXTENDED, OptimizedModelFilePath = optimised })
            using (new InferenceSession(int8, options))
            {
            }

            var operators = OnnxModelFile.ReadNodes(File.ReadAllBytes(optimised)).Select(n => n.OpType).ToList();
            Assert.Equal(2, operators.Count(op => op == "QLinearConv"));
            Assert.Contains("QLinearAdd", operators);
            Assert.DoesNotContain("Conv", operators);
        }
        finally
        {
            File.Delete(optimised);
        }

        foreach (var input in Inputs(count: 8, seed: 5))
        {
            var expected = Run(model, input);
            var actual = Run(int8, input);
            Assert.True(Cosine(expected, actual) >= 0.99, $"cosine {Cosine(expected, actual)}");
        }
    }

    [Theory]
    [InlineData(0f, 2.55f, 0.01f, 0)]
    [InlineData(-1f, 3f, 4f / 255, 64)]     // 255 / 4 = 63.75 steps below 0
    [InlineData(0.5f, 1f, 1f / 255, 0)]      // widened to hold 0
    [InlineData(-2f, -1f, 2f / 255, 255)]    // widened to hold 0
    [InlineData(0f, 0f, 1f, 0)]
    public void An_activation_range_becomes_a_uint8_scale_and_zero_point(float low, float high, float scale, int zeroPoint)
    {
        var (s, z) = new ActivationRange(low, high).ToUInt8();
        Assert.Equal(scale, s, 1e-6f);
        Assert.Equal(zeroPoint, z);
    }

    [Fact]
    public void A_missing_range_is_named()
    {
        var network = FoldedConvNet.Read(ResidualNet(seed: 7), "net.onnx");
        var ranges = network.QuantisedTensors.Skip(1).ToDictionary(t => t, _ => new ActivationRange(0, 1));

        var error = Assert.Throws<ArgumentException>(() => network.ToInt8(ranges));
        Assert.Contains($"'{network.QuantisedTensors[0]}'", error.Message);
    }

    [Fact]
    public void An_operator_it_cannot_carry_is_named()
    {
        var g = new OnnxGraphBuilder("t");
        g.Input("x", OnnxDataType.Float, [1, 4], "input");
        g.NodeNamed("soft", "Softmax", ["x"], ["y"]);
        g.Output("y", OnnxDataType.Float, [1, 4], "output");
        var model = g.ToModel("softmax", "", new Dictionary<string, string>());

        var error = Assert.Throws<NotSupportedException>(() => FoldedConvNet.Read(model, "soft.onnx"));
        Assert.Contains("'soft.onnx'", error.Message);
        Assert.Contains("Softmax", error.Message);
    }

    /// <summary>Ranges measured the way <see cref="Itm.Model.ImageEncoders.ResNet18Int8Calibration"/> does, from the extremes here.</summary>
    private static Dictionary<string, ActivationRange> MeasureRanges(FoldedConvNet network, IEnumerable<float[]> inputs)
    {
        var probe = network.ToFloat(network.QuantisedTensors);
        using var session = new InferenceSession(probe);
        var ranges = new Dictionary<string, ActivationRange>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, Side, Side]);
            using var outputs = session.Run(new RunOptions(), ["x"], [value], [.. network.QuantisedTensors]);
            for (var t = 0; t < network.QuantisedTensors.Count; t++)
            {
                var data = outputs[t].GetTensorDataAsSpan<float>().ToArray();
                var range = new ActivationRange(data.Min(), data.Max());
                var name = network.QuantisedTensors[t];
                ranges[name] = ranges.TryGetValue(name, out var seen) ? seen.Union(range) : range;
            }
        }

        return ranges;
    }

    private static byte[] ResidualNet(int seed)
    {
        var random = new Random(seed);
        float[] Values(int count, double spread, double offset = 0) =>
            [.. Enumerable.Range(0, count).Select(_ => (float)(offset + (random.NextDouble() - 0.5) * spread))];

        var g = new OnnxGraphBuilder("t");
        g.Input("x", OnnxDataType.Float, [1, 3, Side, Side], "input");
        var conv1 = g.Node("Conv", ["x", g.Constant("w1", Values(4 * 3 * 9, 0.8), 4, 3, 3, 3)],
            OnnxAttr.Ints("kernel_shape", 3, 3), OnnxAttr.Ints("pads", 1, 1, 1, 1));
        var bn1 = Norm(g, conv1, 4, Values);
        var relu1 = g.Node("Relu", [bn1]);
        var pooled = g.Node("MaxPool", [relu1], OnnxAttr.Ints("kernel_shape", 2, 2), OnnxAttr.Ints("strides", 2, 2));
        var conv2 = g.Node("Conv", [pooled, g.Constant("w2", Values(4 * 4 * 9, 0.6), 4, 4, 3, 3), g.Constant("b2", Values(4, 0.2), 4)],
            OnnxAttr.Ints("kernel_shape", 3, 3), OnnxAttr.Ints("pads", 1, 1, 1, 1));
        var bn2 = Norm(g, conv2, 4, Values);
        var sum = g.Node("Add", [bn2, pooled]);
        var relu2 = g.Node("Relu", [sum]);
        g.NodeNamed("gap", "GlobalAveragePool", [relu2], ["y"]);
        g.Output("y", OnnxDataType.Float, [1, 4, 1, 1], "output");
        return g.ToModel("residual", "", new Dictionary<string, string>());
    }

    private static string Norm(OnnxGraphBuilder g, string input, int channels, Func<int, double, double, float[]> values) =>
        g.Node("BatchNormalization",
            [input, g.Constant("gamma", values(channels, 1, 1), channels), g.Constant("beta", values(channels, 0.5, 0), channels),
             g.Constant("mean", values(channels, 0.4, 0), channels), g.Constant("var", values(channels, 0.5, 1), channels)],
            OnnxAttr.Float("epsilon", 1e-5f));

    private static IEnumerable<float[]> Inputs(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return [.. Enumerable.Range(0, 3 * Side * Side).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        }
    }

    private static float[] Run(byte[] model, float[] input)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, Side, Side]);
        using var outputs = session.Run(new RunOptions(), ["x"], [value], [session.OutputMetadata.Keys.First()]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(y => (double)y * y));
}
