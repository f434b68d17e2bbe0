using Itm.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Itm.Model.Tests.Onnx;

[Collection(OnnxCollection.Name)]
public sealed class OnnxModelFileTests
{
    private static readonly string ModelFolder = Path.Combine(AppContext.BaseDirectory, "models", "resnet18");

    [Fact]
    public void Should_Make_The_Stock_ResNet18_Batch_Dimension_Symbolic_Everywhere()
    {
        // Given the stock file, whose input, output and 73 intermediate shapes all start with a fixed 1
        var stock = File.ReadAllBytes(Path.Combine(ModelFolder, "ResNet18.onnx"));

        // When the batch dimension is freed
        var rewritten = OnnxModelFile.MakeBatchDimensionSymbolic(stock, "batch", out var report);

        // Then every one of them is symbolic, there was no Reshape to patch, and ONNX Runtime sees a free batch
        Assert.Equal(new BatchRewriteReport(Inputs: 1, Outputs: 1, ValueInfos: 73, ReshapeShapes: 0), report);
        using var session = new InferenceSession(rewritten);
        var input = session.InputMetadata.Single().Value;
        Assert.Equal([-1, 3, 224, 224], input.Dimensions);
        Assert.Equal("batch", input.SymbolicDimensions[0]);
        Assert.Equal([-1, 512, 1, 1], session.OutputMetadata.Single().Value.Dimensions);
    }

    [Fact]
    public void Should_Be_Idempotent_And_Leave_Every_Other_Byte_Alone()
    {
        var stock = File.ReadAllBytes(Path.Combine(ModelFolder, "ResNet18.onnx"));
        var once = OnnxModelFile.MakeBatchDimensionSymbolic(stock, "batch", out _);

        var twice = OnnxModelFile.MakeBatchDimensionSymbolic(once, "batch", out var report);

        // A second pass finds nothing to change and re-encodes the file bit for bit (63 MB of weights included)
        Assert.Equal(new BatchRewriteReport(0, 0, 0, 0), report);
        Assert.Equal(once, twice);

        // and each of the 75 shapes grew by 5 bytes: dim_value 1 (2 bytes encoded) became dim_param "batch" (7 bytes)
        Assert.Equal(stock.Length + (75 * 5), once.Length);
    }

    [Fact]
    public void Should_Free_A_Reshape_Target_That_Hard_Codes_Batch_One()
    {
        // Given x [1, 4] -> Reshape([1, 2, 2]) -> + bias: ONNX Runtime refuses batch 3 against it
        var model = TinyOnnx.ReshapeThenAdd();
        using (var stock = new InferenceSession(model))
        {
            Assert.ThrowsAny<OnnxRuntimeException>(() => Run(stock, 3));
        }

        // When rewritten
        var rewritten = OnnxModelFile.MakeBatchDimensionSymbolic(model, "batch", out var report);

        // Then the shape's leading 1 became 0 ("copy from the input") and batch 3 gives each row reshaped plus the bias
        Assert.Equal(new BatchRewriteReport(Inputs: 1, Outputs: 1, ValueInfos: 1, ReshapeShapes: 1), report);
        using var session = new InferenceSession(rewritten);
        var z = Run(session, 3);
        var expected = Enumerable.Range(0, 12).Select(i => i + TinyOnnx.Bias[i % 4]).ToArray();
        Assert.Equal(expected, z);
    }

    [Fact]
    public void Should_List_The_Operators_With_Their_Inputs_And_Attributes()
    {
        var nodes = OnnxModelFile.ReadNodes(File.ReadAllBytes(Path.Combine(ModelFolder, "ResNet18.onnx")));

        // The stock ResNet18 is 74 operators, ending in a 7×7 average pool over the last block's output
        Assert.Equal(74, nodes.Count);
        var pool = nodes[^1];
        Assert.Equal(("AveragePool", "Pooling395"), (pool.OpType, pool.Name));
        Assert.Equal(["ReLU393_Output_0"], pool.Inputs);
        Assert.Equal(["Pooling395_Output_0"], pool.Outputs);
        Assert.Equal([7L, 7L], pool.Ints("kernel_shape"));
        var norm = nodes.First(n => n.OpType == "BatchNormalization");
        Assert.Equal(5, norm.Inputs.Count);
        Assert.Equal(1e-5f, norm.Float("epsilon")!.Value, 1e-9f);
        Assert.Equal(1L, norm.Int("spatial"));
    }

    [Fact]
    public void Should_Make_An_Intermediate_Tensor_An_Output_With_Its_Shape()
    {
        var stock = File.ReadAllBytes(Path.Combine(ModelFolder, "ResNet18.onnx"));

        // When the last block's input joins the pooled features as an output, and the batch is then freed
        var twoOutputs = OnnxModelFile.SetGraphOutputs(stock, ["ReLU379_Output_0", "Pooling395_Output_0"]);
        var batched = OnnxModelFile.MakeBatchDimensionSymbolic(twoOutputs, "batch", out var report);

        // Then ONNX Runtime offers both, in that order, the moved annotation freed with the rest
        Assert.Equal(new BatchRewriteReport(Inputs: 1, Outputs: 2, ValueInfos: 72, ReshapeShapes: 0), report);
        using var session = new InferenceSession(batched);
        Assert.Equal(["ReLU379_Output_0", "Pooling395_Output_0"], session.OutputNames);
        Assert.Equal([-1, 512, 7, 7], session.OutputMetadata["ReLU379_Output_0"].Dimensions);

        // and a tensor the file does not declare is named
        var missing = Assert.Throws<InvalidDataException>(() => OnnxModelFile.SetGraphOutputs(stock, ["nope"]));
        Assert.Contains("'nope'", missing.Message);
    }

    [Fact]
    public void Should_Read_Float_Initializers_Stored_As_Float_Data_Or_Raw_Data()
    {
        var bias = OnnxModelFile.ReadFloatInitializer(TinyOnnx.ReshapeThenAdd(), "bias");
        Assert.Equal([2L, 2L], bias.Dimensions);
        Assert.Equal(TinyOnnx.Bias, bias.Values);

        var mean = OnnxModelFile.ReadFloatInitializer(File.ReadAllBytes(Path.Combine(ModelFolder, "ResNetPreprocess.onnx")), "MeanImage");
        Assert.Equal([1L, 3L, 224L, 224L], mean.Dimensions);
        Assert.Equal(103.06, mean.Values.Take(224 * 224).Average(), precision: 2);   // blue plane
    }

    [Fact]
    public void Should_Name_A_Missing_Initializer_And_Reject_Non_Onnx_Bytes()
    {
        var missing = Assert.Throws<InvalidDataException>(() => OnnxModelFile.ReadFloatInitializer(TinyOnnx.ReshapeThenAdd(), "nope"));
        Assert.Contains("'nope'", missing.Message);

        Assert.Throws<InvalidDataException>(() => OnnxModelFile.MakeBatchDimensionSymbolic("not a model"u8, "batch", out _));
    }

    private static float[] Run(InferenceSession session, int batch)
    {
        var x = Enumerable.Range(0, batch * 4).Select(i => (float)i).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory(x, [batch, 4]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["x"], [input], ["z"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}

/// <summary>ONNX Runtime tests share the two cores; running them one at a time keeps each fast and their timings honest.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OnnxCollection
{
    public const string Name = "Onnx";
}
