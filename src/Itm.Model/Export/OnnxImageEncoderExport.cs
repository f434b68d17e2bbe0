using System.Globalization;
using Itm.Data.Images;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;

namespace Itm.Model.Export;

/// <summary>
/// The image channel as one ONNX graph from pixels to the joint vector. Every image model reads the same input:
/// RGB planar 0–255 floats of the image as itm's <see cref="ImageLoader"/> decodes it and puts it on the model's square
/// (<see cref="ImageEncoderOptions.Fit"/>). The
/// normalisation itm applies next (<see cref="ChwNormalization"/>: channel order, scale, means, mean image, std) is
/// in the graph, followed by the pretrained ResNet18 (its nodes and weights copied from its ONNX file) where the
/// model uses it, and the trained encoder.
/// </summary>
internal static class OnnxImageEncoderExport
{
    public const string PixelsInput = "pixels";

    public static (byte[] Model, OnnxEncoderInfo Info) Build(JointEmbeddingModel model, JointEmbeddingOptions options, ResNet18Options resnet, string file)
    {
        var weights = new ModelWeights(model);
        var g = new OnnxGraphBuilder("image");
        var encoder = options.Image.Model;
        string name = encoder.Name;
        var (size, steps, x) = encoder.ExportGraph(g, weights, options.Image, resnet);

        long dim = options.Dim;
        bool prior = options.Prior == QueryPrior.Annotate;
        var allSteps = steps.Concat(OnnxLayers.JointOutput(g, weights, x, prior, dim, options.Text.Model.Parts(options.Text))).ToList();
        var bytes = g.ToModel(
            "itm_image_encoder",
            $"itm {name} image encoder: {string.Join("; ", allSteps)}.",
            new Dictionary<string, string> { ["itm.image_model"] = name, ["itm.dim"] = $"{dim}", ["itm.prior"] = OnnxTextEncoderExport.PriorName(options.Prior) });
        var s = size.ToString(CultureInfo.InvariantCulture);
        var (resized, square) = options.Image.Fit == ImageFit.Contain
            ? ($"longer side resized to {s} and centred on white", $"resize its longer side to {s} and centre the whole image on a white {s}×{s} square")
            : ($"shorter side resized to {s} and centre-cropped", $"resize its shorter side to {s} and keep the centre square");
        OnnxTensorInfo[] inputs =
        [
            new(PixelsInput, "float32", ["batch", "3", s, s],
                $"RGB planar (channel 0 red), values 0–255 as floats, {s}×{s}: the image as Itm.Data.Images.ImageLoader decodes it, " +
                $"{resized}, written by RgbImage.ToChw(new ChwNormalization())."),
        ];
        string[] caller =
        [
            $"Decode the image, {square} (itm's ImageLoader with TargetSize {s} and Fit {options.Image.Fit}; SVGs rendered at that size).",
            "Write it as RGB planes of 0–255 floats, [3, S, S] per image; no mean subtraction or scaling (the graph does it).",
        ];
        return (bytes, new OnnxEncoderInfo(file, name, inputs, OnnxLayers.EmbeddingInfo(dim, prior), caller, allSteps));
    }

    /// <summary>The ConvNet trained from scratch: normalisation to [-1, 1], 4 × [conv, batch norm, relu, max pool], flatten, MLP.</summary>
    public static OnnxImageGraph ConvNet(OnnxGraphBuilder g, ModelWeights w, int size)
    {
        var steps = new List<string>();
        g.Input(PixelsInput, OnnxDataType.Float, ["batch", 3, size, size], "RGB planar 0–255");
        var x = Normalize(g, PixelsInput, new PixelExtractor(size).Normalization, size, steps);
        for (int i = 0; w.Has($"image.features.conv{i}.weight"); i++)
        {
            x = OnnxLayers.Conv3x3(g, w, $"image.features.conv{i}.weight", x);
            x = OnnxLayers.Relu(g, OnnxLayers.BatchNorm(g, w, $"image.features.norm{i}", x));
            x = g.Node("MaxPool", [x], OnnxAttr.Ints("kernel_shape", 2, 2), OnnxAttr.Ints("strides", 2, 2));
            steps.Add($"conv 3×3 → batch norm (running statistics) → relu → max pool 2 (block {i})");
        }

        x = g.Node("Flatten", [x], OnnxAttr.Int("axis", 1));                      // [B, C*(S/16)^2]
        x = Head(g, w, "image", x, layerNorm: false);
        steps.AddRange(["flatten", "linear, relu", "linear to D"]);
        return new OnnxImageGraph(size, steps, x);
    }

    /// <summary>
    /// The pretrained ResNet18 from pixels: its normalisation, then its graph up to the pooled features (resnet18) or up
    /// to the input of its last block followed by the fine-tuned block (resnet18tune), then the MLP head.
    /// </summary>
    public static OnnxImageGraph ResNet18(OnnxGraphBuilder g, ModelWeights w, ResNet18Options resnet, bool fineTunedBlock)
    {
        var (size, steps, target) = PretrainedResNet18(g, resnet, fineTunedBlock ? ResNet18Output.LastBlockInput : ResNet18Output.PooledFeatures);
        string x;
        if (!fineTunedBlock)
        {
            x = g.Node("Flatten", [target], OnnxAttr.Int("axis", 1));             // [B, 512]
            x = Head(g, w, "image", x, layerNorm: true);
        }
        else
        {
            var h = OnnxLayers.Relu(g, OnnxLayers.BatchNorm(g, w, "image.norm1", OnnxLayers.Conv3x3(g, w, "image.conv1.weight", target)));
            h = OnnxLayers.BatchNorm(g, w, "image.norm2", OnnxLayers.Conv3x3(g, w, "image.conv2.weight", h));
            h = OnnxLayers.Relu(g, g.Node("Add", [h, target]));                     // [B, 512, 7, 7]
            x = g.Node("ReduceMean", [h], OnnxAttr.Ints("axes", 2, 3), OnnxAttr.Int("keepdims", 0)); // [B, 512]
            x = Head(g, w, "image.head", x, layerNorm: true);
            steps.Add("the fine-tuned last residual block (conv, batch norm, relu, conv, batch norm, + input, relu), global average pooling");
        }

        steps.AddRange(["layer norm", "linear, relu", "linear to D"]);
        return new OnnxImageGraph(size, steps, x);
    }

    /// <summary>
    /// resnet18attn from pixels: the pretrained ResNet18 up to its last maps, then the learned attention pooling of
    /// <see cref="AttentionPoolEncoder"/> (cell scores <c>w · tanh(K x + b) + c</c>, softmax over the grid, weighted sum) and the MLP head.
    /// </summary>
    public static OnnxImageGraph ResNet18AttentionPool(OnnxGraphBuilder g, ModelWeights w, ResNet18Options resnet)
    {
        var (size, steps, maps) = PretrainedResNet18(g, resnet, ResNet18Output.FinalMaps);
        var cells = g.Node("Reshape", [maps, g.Constant("cells_shape", new long[] { 0, 0, -1 }, 3)]);    // [B, C, N]
        cells = g.Node("Transpose", [cells], OnnxAttr.Ints("perm", 0, 2, 1));                           // [B, N, C]
        var keys = g.Node("Tanh", [MatMulLinear(g, w, "image.key", cells)]);                             // [B, N, A]
        var scores = MatMulLinear(g, w, "image.score", keys);                                            // [B, N, 1]
        var weights = g.Node("Softmax", [scores], OnnxAttr.Int("axis", 1));                              // [B, N, 1]
        var x = g.Node("ReduceSum", [g.Node("Mul", [cells, weights]), g.Constant("cell_axis", new long[] { 1 }, 1)], OnnxAttr.Int("keepdims", 0)); // [B, C]
        x = Head(g, w, "image.head", x, layerNorm: true);
        steps.AddRange(["attention pooling over the 7×7 grid (cell scores w · tanh(K x + b) + c, softmax, weighted sum)", "layer norm", "linear, relu", "linear to D"]);
        return new OnnxImageGraph(size, steps, x);
    }

    /// <summary><c>nn.Linear</c> over the last dimension of a tensor of any rank (Gemm takes matrices only).</summary>
    private static string MatMulLinear(OnnxGraphBuilder g, ModelWeights w, string prefix, string x) =>
        g.Node("Add", [g.Node("MatMul", [x, g.Node("Transpose", [w.Constant(g, prefix + ".weight")])]), w.Constant(g, prefix + ".bias")]);

    /// <summary>Declares the pixel input, normalises it and copies the pretrained ResNet18 up to <paramref name="output"/>; returns that tensor's name.</summary>
    private static (int Size, List<string> Steps, string Output) PretrainedResNet18(OnnxGraphBuilder g, ResNet18Options resnet, ResNet18Output output)
    {
        resnet.Validate();
        var folder = resnet.ModelDirectory;
        var modelPath = Path.Combine(folder, resnet.ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The pretrained ResNet18 '{modelPath}' is missing; the image encoder cannot be exported without it.", modelPath);
        }

        var preprocessing = ImagePreprocessing.Load(Path.Combine(folder, resnet.PreprocessingFile));
        var modelBytes = File.ReadAllBytes(modelPath);
        var size = preprocessing.Size;
        var steps = new List<string>();
        var flip = resnet.Views == ImageViews.Flip;
        var scales = resnet.Views == ImageViews.Scales;
        var inputSize = scales ? 2 * size : size;
        g.Input(PixelsInput, OnnxDataType.Float, ["batch", 3, inputSize, inputSize], "RGB planar 0–255");
        var pixels = PixelsInput;
        if (scales)
        {
            // The picture at half size (2 × 2 means rounded half up, as RgbImage.Halved computes them), then its four
            // quarters, in one batch of 5B: the network runs once, as itm runs it five times.
            var halved = g.Node("Floor", [g.Node("Add", [g.Node("AveragePool", [pixels], OnnxAttr.Ints("kernel_shape", 2, 2), OnnxAttr.Ints("strides", 2, 2)),
                g.Scalar("half", 0.5f)])]);                                                                                   // [B, 3, S, S]
            var views = new List<string> { halved };
            for (var q = 0; q < 4; q++)
            {
                long x0 = q % 2 * size, y0 = q / 2 * size;
                views.Add(g.Node("Slice", [pixels, g.Constant($"quarter{q}_starts", [y0, x0], 2), g.Constant($"quarter{q}_ends", [y0 + size, x0 + size], 2),
                    g.Constant("quarter_axes", [2L, 3L], 2)]));
            }

            pixels = g.Node("Concat", [.. views], OnnxAttr.Int("axis", 0));                                                 // [5B, 3, S, S]
            steps.Add($"each picture ({inputSize}×{inputSize}) at half size (2×2 means, rounded half up) and its four {size}×{size} quarters");
        }
        else if (flip)
        {
            // The mirror images after the pictures in one batch of 2B: the network runs once, as itm runs it twice.
            var mirrored = g.Node("Slice", [pixels, g.Constant("flip_starts", new long[] { -1 }, 1), g.Constant("flip_ends", new long[] { long.MinValue }, 1),
                g.Constant("flip_axes", new long[] { 3 }, 1), g.Constant("flip_steps", new long[] { -1 }, 1)]);
            pixels = g.Node("Concat", [pixels, mirrored], OnnxAttr.Int("axis", 0));                // [2B, 3, S, S]
            steps.Add("each picture and its mirror image (columns reversed)");
        }

        var x = Normalize(g, pixels, preprocessing.ToNormalization(folder), size, steps);
        var block = output == ResNet18Output.PooledFeatures ? null : ResNet18LastBlock.Read(modelBytes, modelPath);
        var int8 = resnet.Precision == PretrainedPrecision.Int8 && block is null;
        var network = int8 ? ResNet18Featurizer.Int8Graph(resnet, modelBytes, modelPath) : modelBytes;
        var target = PretrainedGraph.Copy(g, network, modelPath, x, output switch
        {
            ResNet18Output.LastBlockInput => block!.InputTensor,
            ResNet18Output.FinalMaps => block!.OutputTensor,
            _ => null,
        });
        steps.Add(output switch
        {
            ResNet18Output.LastBlockInput => $"the pretrained ResNet18 ({resnet.ModelFile}) to the input of its last residual block",
            ResNet18Output.FinalMaps => $"the pretrained ResNet18 ({resnet.ModelFile}) to its last feature maps, before pooling",
            _ when int8 => $"the pretrained ResNet18 ({resnet.ModelFile}) to its pooled features, quantised as itm runs it (int8 QDQ over the ranges in {resnet.Int8RangesFile})",
            _ => $"the pretrained ResNet18 ({resnet.ModelFile}) to its pooled features",
        });
        if (flip)
        {
            target = g.Node("Reshape", [target, g.Constant("views_shape", new long[] { 2, -1, 512, 1, 1 }, 5)]);  // [2, B, 512, 1, 1]
            target = g.Node("ReduceMean", [target], OnnxAttr.Ints("axes", 0), OnnxAttr.Int("keepdims", 0));      // [B, 512, 1, 1]
            steps.Add("the mean of each picture's features and its mirror image's");
        }
        else if (scales)
        {
            var views = g.Node("Reshape", [target, g.Constant("views_shape", new long[] { 5, -1, 512, 1, 1 }, 5)]);            // [5, B, 512, 1, 1]
            var whole = g.Node("Gather", [views, g.Constant("whole_view", [0L])], OnnxAttr.Int("axis", 0));                  // [B, 512, 1, 1]
            var quarters = g.Node("ReduceMean", [g.Node("Slice", [views, g.Constant("quarters_start", [1L], 1), g.Constant("quarters_end", [5L], 1),
                g.Constant("quarters_axis", [0L], 1)])], OnnxAttr.Ints("axes", 0), OnnxAttr.Int("keepdims", 0));            // [B, 512, 1, 1]
            target = g.Node("Concat", [whole, quarters], OnnxAttr.Int("axis", 1));                                           // [B, 1024, 1, 1]
            steps.Add("each picture's features followed by the mean of its quarters' features");
        }

        return (inputSize, steps, target);
    }

    /// <summary>The MLP head: optional LayerNorm, Linear, relu, Linear (dropout is the identity at inference).</summary>
    private static string Head(OnnxGraphBuilder g, ModelWeights w, string prefix, string x, bool layerNorm)
    {
        if (layerNorm)
        {
            x = OnnxLayers.LayerNorm(g, w, prefix + ".inputNorm", x);
        }

        x = OnnxLayers.Relu(g, OnnxLayers.Linear(g, w, prefix + ".hidden", x));
        return OnnxLayers.Linear(g, w, prefix + ".output", x);
    }

    /// <summary>
    /// <see cref="RgbImage.WriteChw"/>'s arithmetic on the RGB 0–255 planes, in its order:
    /// channel order, <c>v * Scale - Mean[c] - MeanImage[c, y, x]</c>, then <c>* (1 / Std[c])</c>.
    /// </summary>
    private static string Normalize(OnnxGraphBuilder g, string x, ChwNormalization n, int size, List<string> steps)
    {
        if (n.ChannelOrder == ChannelOrder.Bgr)
        {
            x = g.Node("Gather", [x, g.Constant("bgr", [2L, 1L, 0L], 3)], OnnxAttr.Int("axis", 1));
            steps.Add("RGB → BGR");
        }

        if (n.Scale != 1f)
        {
            x = g.Node("Mul", [x, g.Scalar("scale", n.Scale)]);
            steps.Add($"× {n.Scale.ToString("R", CultureInfo.InvariantCulture)}");
        }

        if (n.Mean is { } mean)
        {
            x = g.Node("Sub", [x, g.Constant("mean", mean.ToArray(), 1, 3, 1, 1)]);
            steps.Add($"− per-channel mean [{string.Join(", ", mean.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]");
        }

        if (n.MeanImage is { } meanImage)
        {
            x = g.Node("Sub", [x, g.Constant("mean_image", meanImage.Span, 1, 3, size, size)]);
            steps.Add("− the per-pixel mean image");
        }

        if (n.Std is { } std)
        {
            x = g.Node("Mul", [x, g.Constant("inv_std", std.Select(s => 1f / s).ToArray(), 1, 3, 1, 1)]);
            steps.Add($"÷ per-channel std [{string.Join(", ", std.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]");
        }

        return x;
    }
}
