using System.Text.Json;
using Itm.Data.Text;
using Itm.Search.Tests.Fixtures;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm export</c> on a tiny index: the .npy rows are the index's vectors, and the exported ONNX text encoder, fed as
/// onnx.json says, recomputes the caption rows, so a tool with only the export scores new text against the images.
/// </summary>
[Collection("Sequential")]
public sealed class ExportCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-cli-export-").FullName;
    private readonly string images;
    private readonly string model;
    private readonly string db;
    private readonly string output;

    public ExportCommandTests()
    {
        images = Path.Combine(root, "images");
        TinyImages.Write(images);
        model = TinyModel.Save(Path.Combine(root, "model"), seed: 4);
        db = Path.Combine(root, "db");
        output = Path.Combine(root, "export");
        string captions = Path.Combine(root, "captions.txt");
        File.WriteAllLines(captions, TinyModel.Sentences);
        var index = CliRunner.Run("index", "--model", model, "--images", images, "--db", db, "--cache", Path.Combine(root, "cache"), "--captions", captions);
        Assert.True(index.ExitCode == 0, index.Output);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Exports_the_vectors_and_onnx_encoders_that_recompute_them()
    {
        var run = CliRunner.Run("export", "--db", db, "--out", output, "--json");
        Assert.True(run.ExitCode == 0, run.Output);
        using var report = JsonDocument.Parse(run.Output);
        Assert.Equal(13, report.RootElement.GetProperty("images").GetInt64());   // 14 files, one unreadable
        Assert.Equal(TinyModel.Sentences.Length, report.RootElement.GetProperty("captions").GetInt64());
        foreach (var file in report.RootElement.GetProperty("files").EnumerateArray())
        {
            Assert.True(File.Exists(Path.Combine(output, file.GetString()!)), file.GetString());
        }

        var captionVectors = ReadNpy(Path.Combine(output, "text_emb", "text_emb_0.npy"), out int dimension);
        Assert.Equal(16, dimension);
        var featurizer = TextFeaturizerFile.Load(Path.Combine(output, "onnx", "text-features.json"));
        var onnx = EncodeTexts(Path.Combine(output, "onnx", "text_encoder.onnx"), TinyModel.Sentences.Select(s => featurizer.Featurize(Tokenizer.Tokenize(s))).ToList());
        Assert.Equal(captionVectors.Length, onnx.Length);
        Assert.All(Enumerable.Range(0, onnx.Length), i => Assert.InRange(Math.Abs(onnx[i] - captionVectors[i]), 0, 1e-5));
    }

    [Fact]
    public void Only_the_model_and_bad_input_named()
    {
        var modelOnly = CliRunner.Run("export", "--model", model, "--out", output);
        Assert.True(modelOnly.ExitCode == 0, modelOnly.Output);
        Assert.True(File.Exists(Path.Combine(output, "onnx", "image_encoder.onnx")));
        Assert.False(Directory.Exists(Path.Combine(output, "img_emb")));

        var nothing = CliRunner.Run("export", "--out", output);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("--db", nothing.Output);

        var missing = CliRunner.Run("export", "--db", Path.Combine(root, "nowhere"), "--out", output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nowhere", missing.Output);
    }

    private static float[] EncodeTexts(string path, IReadOnlyList<int[]> sentences)
    {
        int length = sentences.Max(s => s.Length);
        var ids = new DenseTensor<long>([sentences.Count, length]);
        var lengths = new DenseTensor<long>([sentences.Count]);
        for (int i = 0; i < sentences.Count; i++)
        {
            lengths[i] = sentences[i].Length;
            for (int t = 0; t < sentences[i].Length; t++)
            {
                ids[i, t] = sentences[i][t];
            }
        }

        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("ids", ids), NamedOnnxValue.CreateFromTensor("lengths", lengths)]);
        return results.Single(r => r.Name == "embedding").AsEnumerable<float>().ToArray();
    }

    private static float[] ReadNpy(string path, out int columns)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = bytes[8] | (bytes[9] << 8);
        string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        var shape = System.Text.RegularExpressions.Regex.Match(header, @"'shape': \((\d+), (\d+)\)");
        columns = int.Parse(shape.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        var values = new float[(bytes.Length - 10 - headerLength) / sizeof(float)];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * sizeof(float));
        return values;
    }
}
