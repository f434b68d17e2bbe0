using Itm.Model.Onnx;

namespace Itm.Model.ImageEncoders;

/// <summary>A BatchNormalization node's constants: <c>y = Scale · (x − Mean) / √(Variance + Epsilon) + Bias</c> per channel.</summary>
public sealed record BatchNormWeights(float[] Scale, float[] Bias, float[] Mean, float[] Variance, float Epsilon);

/// <summary>A 3×3 convolution without bias (stride 1, padding 1: the map keeps its size) and the batch normalisation after it.</summary>
/// <param name="Weight">The kernel, <c>[out, in, 3, 3]</c>.</param>
public sealed record ConvBatchNorm(OnnxFloatTensor Weight, BatchNormWeights Norm);

/// <summary>
/// The last residual block of the pretrained ResNet18, as its ONNX graph holds it: where the block starts and its
/// weights, so a model can fine-tune the block from the tensor that enters it. Found by structure, not by node
/// names, from the graph's final average pooling upwards:
/// <c>X → Conv → BatchNormalization → Relu → Conv → BatchNormalization → Add(·, X) → Relu → AveragePool</c>.
/// In the CNTK export shipped with Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1, X is <c>ReLU379_Output_0</c>
/// <c>[N, 512, 7, 7]</c>, the convolutions are Convolution381 (Parameter14) and Convolution387 (Parameter10), and the
/// normalisations BatchNormalization383 and 389 (scale, bias, mean, variance as initializers; epsilon 1e-5).
/// </summary>
/// <param name="InputTensor">The tensor that enters the block (and is added back by the skip connection).</param>
/// <param name="OutputTensor">The tensor the block gives and the final average pooling reads (<c>ReLU393_Output_0</c> in that file).</param>
/// <param name="PoolSize">
/// The side of the average pool's window (7 here), which must equal the side of the block's map for the pool to be
/// global, as the model that re-implements the block assumes; 0 for a GlobalAveragePool.
/// </param>
public sealed record ResNet18LastBlock(string InputTensor, string OutputTensor, ConvBatchNorm First, ConvBatchNorm Second, int PoolSize)
{
    /// <summary>Channels in and out of the block.</summary>
    public int Channels => (int)First.Weight.Dimensions[0];

    /// <summary>Locates and reads the block in <paramref name="model"/>; errors name <paramref name="modelPath"/>.</summary>
    public static ResNet18LastBlock Read(byte[] model, string modelPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        var nodes = OnnxModelFile.ReadNodes(model);
        var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Outputs)
            {
                producers[output] = node;
            }
        }

        InvalidDataException NotFound(string what) => new(
            $"'{modelPath}' does not end in a residual block (X → Conv → BatchNormalization → Relu → Conv → BatchNormalization → Add X → Relu → AveragePool): {what}.");

        OnnxNode Producer(string tensor, string opType) =>
            producers.TryGetValue(tensor, out var node) && node.OpType == opType
                ? node
                : throw NotFound($"'{tensor}' is not made by a {opType} node");

        var pool = nodes.LastOrDefault(n => n.OpType is "AveragePool" or "GlobalAveragePool") ?? throw NotFound("it has no average pooling");
        var add = Producer(Producer(pool.Inputs[0], "Relu").Inputs[0], "Add");
        var (norm2, input) = producers.TryGetValue(add.Inputs[0], out var left) && left.OpType == "BatchNormalization"
            ? (left, add.Inputs[1])
            : (Producer(add.Inputs[1], "BatchNormalization"), add.Inputs[0]);
        var conv2 = Producer(norm2.Inputs[0], "Conv");
        var norm1 = Producer(Producer(conv2.Inputs[0], "Relu").Inputs[0], "BatchNormalization");
        var conv1 = Producer(norm1.Inputs[0], "Conv");
        if (conv1.Inputs[0] != input)
        {
            throw NotFound($"the skip connection adds '{input}' but the block's first convolution reads '{conv1.Inputs[0]}'");
        }

        return new ResNet18LastBlock(
            input,
            pool.Inputs[0],
            ReadConv(model, conv1, norm1, modelPath),
            ReadConv(model, conv2, norm2, modelPath),
            PoolSizeOf(pool, modelPath));
    }

    private static ConvBatchNorm ReadConv(byte[] model, OnnxNode conv, OnnxNode norm, string modelPath)
    {
        InvalidDataException Unsupported(string what) => new($"'{modelPath}' node {conv.Name}: {what}; a residual block's convolution is 3×3, stride 1, padding 1, without bias.");

        static bool All(IReadOnlyList<long>? values, long expected) => values is null || values.All(v => v == expected);
        if (conv.Inputs.Count != 2)
        {
            throw Unsupported("it has a bias input");
        }

        // Absent attributes take ONNX's defaults: stride, dilation and group 1, but padding 0, so pads must be there.
        var autoPad = conv.Attributes.TryGetValue("auto_pad", out var a) ? a.Text : null;
        if (conv.Ints("kernel_shape") is not [3, 3] || !All(conv.Ints("strides"), 1) || conv.Ints("pads") is not [1, 1, 1, 1]
            || autoPad is not (null or "" or "NOTSET") || !All(conv.Ints("dilations"), 1) || conv.Int("group") is not (null or 1))
        {
            throw Unsupported($"kernel [{string.Join(", ", conv.Ints("kernel_shape") ?? [])}], strides [{string.Join(", ", conv.Ints("strides") ?? [])}], " +
                $"pads [{string.Join(", ", conv.Ints("pads") ?? [])}]");
        }

        if (norm.Int("spatial") is not (null or 1) || norm.Inputs.Count != 5)
        {
            throw new InvalidDataException($"'{modelPath}' node {norm.Name} is not a per-channel batch normalisation with scale, bias, mean and variance.");
        }

        float[] Vector(int input) => OnnxModelFile.ReadFloatInitializer(model, norm.Inputs[input]).Values;
        var weight = OnnxModelFile.ReadFloatInitializer(model, conv.Inputs[1]);
        var channels = weight.Dimensions[0];
        var batchNorm = new BatchNormWeights(Vector(1), Vector(2), Vector(3), Vector(4), norm.Float("epsilon") ?? 1e-5f);   // 1e-5: ONNX's default
        if (new[] { batchNorm.Scale, batchNorm.Bias, batchNorm.Mean, batchNorm.Variance }.Any(v => v.Length != channels))
        {
            throw new InvalidDataException($"'{modelPath}' node {norm.Name} has constants of another length than the {channels} channels of {conv.Name}.");
        }

        return new ConvBatchNorm(weight, batchNorm);
    }

    private static int PoolSizeOf(OnnxNode pool, string modelPath)
    {
        if (pool.OpType == "GlobalAveragePool")
        {
            return 0;
        }

        var kernel = pool.Ints("kernel_shape");
        var pads = pool.Ints("pads");
        if (kernel is not [var side, var other] || side != other || (pads is not null && pads.Any(p => p != 0)))
        {
            throw new InvalidDataException(
                $"'{modelPath}' node {pool.Name} pools [{string.Join(", ", kernel ?? [])}] with pads [{string.Join(", ", pads ?? [])}]; expected a square window without padding.");
        }

        return (int)side;
    }
}
