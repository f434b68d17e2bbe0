using Itm.Data.Images;
using Itm.Model.Catalog;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Itm.Model.Tests.Export;

/// <summary>Small randomly initialised models, inputs for them, and ONNX Runtime runs of exported files.</summary>
internal static class OnnxExportFixtures
{
    public const int Dim = 8;
    public const int PixelSize = 32;

    public static JointEmbeddingOptions Options(TextEncoderSpec text, ImageEncoderSpec image, QueryPrior prior) => new()
    {
        Dim = Dim,
        Prior = prior,
        // The published networks and their centre crop, as ResNet18Fixture computes features: the int8 ones have tests of
        // their own (Int8TrainJobTests).
        Text = new TextEncoderOptions { Model = text, HiddenDim = 16, WordDim = 6, GruDim = 5, Precision = PretrainedPrecision.Float32 },
        Image = new ImageEncoderOptions { Model = image, HiddenDim = 12, PixelSize = PixelSize, Precision = PretrainedPrecision.Float32, Fit = ImageFit.CropCenter },
    };

    /// <summary>
    /// A model in evaluation mode whose every weight is random, biases, normalisation scales, running statistics and the
    /// prior included (they start at 0 or 1, where an exporter that drops them would go unnoticed).
    /// </summary>
    public static JointEmbeddingModel Create(JointEmbeddingOptions options, int textFeatures, IReadOnlyList<int> imageShape, ResNet18LastBlock? block = null, int seed = 7)
    {
        manual_seed(seed);
        var model = JointEmbeddingFactory.Create(options, textFeatures, imageShape, block);
        var generator = new Generator((ulong)seed);
        using (no_grad())
        {
            foreach (var (key, value) in model.state_dict())
            {
                if (value.dtype != float32)
                {
                    continue;   // num_batches_tracked
                }

                using var scope = NewDisposeScope();
                if (key.EndsWith("running_var", StringComparison.Ordinal))
                {
                    value.copy_(rand(value.shape, generator: generator) + 0.5f);
                }
                else if (key.EndsWith("bias", StringComparison.Ordinal) || key.Contains("orm", StringComparison.Ordinal) || key == "prior")
                {
                    value.copy_((randn(value.shape, generator: generator) * 0.5f) + (key.EndsWith("weight", StringComparison.Ordinal) ? 1f : 0f));
                }
                else if (block is not null && key.StartsWith("image.conv", StringComparison.Ordinal))
                {
                    value.add_(randn(value.shape, generator: generator) * 0.005f);   // fine-tuned: no longer the pretrained block
                }
            }
        }

        model.eval();
        return model;
    }

    /// <summary>Sentences of ids in [<paramref name="low"/>, <paramref name="count"/>) with the given lengths.</summary>
    public static int[][] Sentences(int count, int low, params int[] lengths)
    {
        var random = new Random(3);
        return [.. lengths.Select(n => Enumerable.Range(0, n).Select(_ => random.Next(low, count)).ToArray())];
    }

    /// <summary>Random unit vectors, like MiniLM's.</summary>
    public static float[][] UnitVectors(int count, int dim)
    {
        var random = new Random(4);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var v = Enumerable.Range(0, dim).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        })];
    }

    /// <summary>Random pictures of <paramref name="size"/> squared pixels (noise over a gradient, so convolutions see structure).</summary>
    public static RgbImage[] Images(int count, int size, int seed = 5)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var pixels = new byte[3 * size * size];
            for (var p = 0; p < size * size; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    pixels[(3 * p) + c] = (byte)Math.Clamp(((p % size) * 255 / size * (c + i + 1) % 256) + random.Next(-40, 40), 0, 255);
                }
            }

            return new RgbImage(size, size, pixels);
        })];
    }

    /// <summary>RGB planar 0–255, what the exported image graphs read.</summary>
    public static float[] Pixels(IReadOnlyList<RgbImage> images) => [.. images.SelectMany(image => image.ToChw(new ChwNormalization()))];

    /// <summary>Runs <paramref name="session"/> on padded ids and their lengths, and, when given, the sentences' vectors too.</summary>
    public static float[] RunIds(InferenceSession session, IReadOnlyList<int[]> sentences, int extraPadding = 0, IReadOnlyList<float[]>? vectors = null)
    {
        int length = sentences.Max(s => s.Length) + extraPadding;
        var ids = new long[sentences.Count * length];
        for (int i = 0; i < sentences.Count; i++)
        {
            for (int t = 0; t < sentences[i].Length; t++)
            {
                ids[(i * length) + t] = sentences[i][t];
            }
        }

        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [sentences.Count, length]);
        using var lengthsValue = OrtValue.CreateTensorValueFromMemory(sentences.Select(s => (long)s.Length).ToArray(), [sentences.Count]);
        if (vectors is null)
        {
            return Run(session, ["ids", "lengths"], [idsValue, lengthsValue]);
        }

        using var vectorsValue = OrtValue.CreateTensorValueFromMemory(vectors.SelectMany(v => v).ToArray(), [vectors.Count, vectors[0].Length]);
        return Run(session, ["ids", "lengths", "sentence_vectors"], [idsValue, lengthsValue, vectorsValue]);
    }

    public static float[] RunFloats(InferenceSession session, string input, float[] values, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(values, shape);
        return Run(session, [input], [value]);
    }

    public static InferenceSession Session(string path)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 2, LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        return new InferenceSession(path, options);
    }

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
    }

    /// <summary>Row-major <c>[n, d] × [m, d]ᵀ</c>: every text's score against every image.</summary>
    public static float[] Scores(float[] texts, float[] images, int d)
    {
        int n = texts.Length / d, m = images.Length / d;
        var scores = new float[n * m];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++)
            {
                float s = 0;
                for (int k = 0; k < d; k++)
                {
                    s += texts[(i * d) + k] * images[(j * d) + k];
                }

                scores[(i * m) + j] = s;
            }
        }

        return scores;
    }

    private static float[] Run(InferenceSession session, string[] names, OrtValue[] values)
    {
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, names, values, ["embedding"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
