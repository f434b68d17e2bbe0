using System.Globalization;
using System.Text.Json;
using Itm.Model.JointEmbedding;
using Itm.Search.Tests.Fixtures;
using Itm.Training;
using Itm.Training.Jobs;
using SkiaSharp;
using Itm.Model.TextEncoders;
using Itm.Model.ImageEncoders;

namespace Itm.Library.Tests.Fixtures;

/// <summary>
/// A model trained through the library in a few seconds on coloured shapes (a folder with <c>captions.jsonl</c>: four
/// sizes of six shapes, three to train on and one to calibrate on), and an index of the same shapes at a size it never saw.
/// </summary>
public sealed class TrainedFolder : IDisposable
{
    /// <summary>Each shape, its caption, and its file name in <see cref="Images"/>.</summary>
    public static readonly (string Caption, string File, SKColor Colour, bool Circle)[] Shapes =
    [
        ("a red square", "red-square.png", SKColors.Red, false),
        ("a green circle", "green-circle.png", SKColors.Green, true),
        ("a blue square", "blue-square.png", SKColors.Blue, false),
        ("a yellow circle", "yellow-circle.png", SKColors.Gold, true),
        ("a black square", "black-square.png", SKColors.Black, false),
        ("a red circle", "red-circle.png", SKColors.Red, true),
    ];

    public TrainedFolder()
    {
        Root = Directory.CreateTempSubdirectory("itm-library-trained-").FullName;
        string data = Path.Combine(Root, "data");
        var lines = new List<string>();
        foreach (var (scale, split) in new[] { (0.8f, "train"), (0.7f, "train"), (0.55f, "train"), (0.5f, "val") })
        {
            foreach (var (caption, file, colour, circle) in Shapes)
            {
                string relative = string.Create(CultureInfo.InvariantCulture, $"{scale:F2}/{file}");
                Write(Path.Combine(data, relative), TinyImages.Draw(colour, circle, scale));
                lines.Add(JsonSerializer.Serialize(new { image = relative, caption, split }));
            }
        }

        Dataset = Path.Combine(data, "captions.jsonl");
        File.WriteAllLines(Dataset, lines);
        Images = Path.Combine(Root, "unseen");
        foreach (var (_, file, colour, circle) in Shapes)
        {
            Write(Path.Combine(Images, file), TinyImages.Draw(colour, circle, scale: 0.65f));
        }

        Captions = Path.Combine(Root, "captions.txt");
        File.WriteAllLines(Captions, Shapes.Select(s => s.Caption));
        ModelDir = Path.Combine(Root, "model");
        Cache = Path.Combine(Root, "cache");
        Db = Path.Combine(Root, "db");
        Training = ItmModel.Train(new TrainJobOptions
        {
            DatasetPath = Dataset,
            OutDir = ModelDir,
            CacheDir = Cache,
            EvaluateTest = false,
            Model = new JointEmbeddingOptions
            {
                Dim = 32,
                Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 64, Dropout = 0 },
                Image = new ImageEncoderOptions { Model = ConvNetSpec.ConvNet, PixelSize = 32, HiddenDim = 128, Dropout = 0 },
            },
            // At 2e-3 the best validation epoch came early (4 or 5 of 100) on seeds 1-3 once the bag stopped reading the
            // captions' leading "a", and that model mixed up the red square and circle at the unseen size; at 1e-3 seeds 1-4 pass.
            Trainer = new TrainerOptions { Epochs = 100, BatchSize = 18, LearningRate = 1e-3, Patience = 100, Threads = 1 },
        });
        ItmIndex.Build(ModelDir, Images, Db, new IndexBuildOptions { CaptionsPath = Captions, CacheDir = Cache });
    }

    public string Root { get; }

    /// <summary>The training data's <c>captions.jsonl</c>.</summary>
    public string Dataset { get; }

    /// <summary>The indexed folder: one image of each shape, at a size training never saw.</summary>
    public string Images { get; }

    /// <summary>The shapes' captions, one per line: the index's corpus for annotation.</summary>
    public string Captions { get; }

    public string ModelDir { get; }

    public string Cache { get; }

    public string Db { get; }

    public TrainJobResult Training { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
