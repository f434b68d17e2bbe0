using System.Numerics.Tensors;
using Itm.Data.Images;
using Itm.Model.Export;
using Itm.Model.Persistence;
using Itm.Search;
using Itm.Training.Jobs;

namespace Itm;

/// <summary>
/// A trained model folder (written by <c>itm train</c> or <see cref="Train"/>): turns sentences and images into vectors
/// of one shared space, where the cosine of two vectors is how well they match. Images go through the model's own
/// input pipeline (decode, resize, crop; the pretrained ResNet18 features or pixels, behind the on-disk feature cache),
/// sentences through its own text channel, exactly as <c>itm index</c> and <c>itm search</c> embed them.
/// </summary>
/// <remarks>
/// Every vector is L2-normalised, so the dot product of two of them is their cosine, in [-1, 1]: the score search
/// ranks by. An instance holds the model's weights (and, once an image is encoded, the image network): dispose it.
/// It is not thread-safe; use one per thread, or serialise calls.
/// </remarks>
/// <example>
/// <code>
/// using var model = ItmModel.Load("models/tuxpaint");
/// float[] text = model.EncodeText("a red apple");
/// float[] image = model.EncodeImage("photos/apple.jpg");
/// Console.WriteLine($"match {ItmModel.Similarity(text, image):F3}");
/// </code>
/// </example>
public sealed class ItmModel : IDisposable
{
    private readonly ModelEmbedders embedders;
    private readonly LoadedModel loaded;

    private ItmModel(ModelEmbedders embedders, LoadedModel loaded, ModelInfo info)
    {
        this.embedders = embedders;
        this.loaded = loaded;
        Info = info;
    }

    /// <summary>What the model is: its text and image channels, dimension, training data and calibration.</summary>
    public ModelInfo Info { get; }

    /// <summary>Length of every vector this model produces.</summary>
    public int Dimension => Info.Dimension;

    /// <summary>
    /// Loads a model folder: its manifest, text featurizer and weights, each checked against the code, so a folder from
    /// another itm version, or an incomplete one, fails here with a message naming the file. The image network is
    /// opened on the first image encoded.
    /// </summary>
    /// <param name="modelDir">The model folder.</param>
    /// <param name="options">Where image inputs are cached; null for the defaults.</param>
    /// <exception cref="ModelFolderException">The folder is missing, incomplete, or was made by another itm version.</exception>
    /// <example>
    /// <code>
    /// using var model = ItmModel.Load("models/tuxpaint", new ItmModelOptions { CacheDir = "/tmp/itm-cache" });
    /// Console.WriteLine($"{model.Info.TextModel} × {model.Info.ImageModel}, {model.Dimension}-d");
    /// </code>
    /// </example>
    public static ItmModel Load(string modelDir, ItmModelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelDir);
        string full = Path.GetFullPath(modelDir);
        var embedders = new ModelEmbedders(full, options?.CacheDir);
        try
        {
            var loaded = embedders.Load();
            var manifest = loaded.Manifest;
            var info = new ModelInfo(
                full,
                manifest.Joint.Text.Model.Name,
                manifest.Joint.Image.Model.Name,
                manifest.Joint.Dim,
                manifest.Dataset?.Name,
                File.Exists(Path.Combine(full, ModelFolder.CalibrationFile)),
                manifest.CreatedUtc);
            return new ItmModel(embedders, loaded, info);
        }
        catch
        {
            embedders.Dispose();
            throw;
        }
    }

    /// <summary>The vector of a sentence (any text; the model's tokenizer or sentence encoder reads it as it was trained).</summary>
    /// <param name="sentence">The text to encode; not empty.</param>
    /// <returns>A unit vector of <see cref="Dimension"/> floats.</returns>
    public float[] EncodeText(string sentence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sentence);
        return loaded.EncodeSentences([sentence]);
    }

    /// <summary>The vectors of many sentences, encoded in batches (faster than one at a time).</summary>
    /// <param name="sentences">The texts to encode, none empty.</param>
    /// <returns>One unit vector per sentence, in order.</returns>
    public float[][] EncodeTexts(IReadOnlyList<string> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        foreach (string sentence in sentences)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(sentence, nameof(sentences));
        }

        return sentences.Count == 0 ? [] : Rows(loaded.EncodeSentences(sentences), sentences.Count);
    }

    /// <summary>
    /// The vector of an image file: JPEG, PNG, WebP, GIF (first frame), BMP or SVG, decoded, resized and centre-cropped
    /// as the model was trained.
    /// </summary>
    /// <param name="path">The image file.</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    /// <returns>A unit vector of <see cref="Dimension"/> floats.</returns>
    /// <exception cref="ImageLoadException">The file is missing or can't be decoded; the message names it and why.</exception>
    public float[] EncodeImage(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return embedders.EmbedImage(Path.GetFullPath(path), cancellationToken);
    }

    /// <summary>
    /// The vector of an image held in memory (an upload, a download): the same as <see cref="EncodeImage(string, CancellationToken)"/>
    /// on a file with these bytes. The pipeline reads files, so the bytes pass through a temporary file, deleted at once.
    /// </summary>
    /// <param name="image">The encoded image (the file's bytes), read from its current position to its end.</param>
    /// <param name="name">A name for errors (a file name; its extension helps tell an SVG); null for "image".</param>
    /// <param name="cancellationToken">Stops the work between steps.</param>
    /// <returns>A unit vector of <see cref="Dimension"/> floats.</returns>
    /// <exception cref="ImageLoadException">The bytes are not an image itm can decode; the message names <paramref name="name"/>.</exception>
    public float[] EncodeImage(Stream image, string? name = null, CancellationToken cancellationToken = default)
    {
        using var file = TemporaryImageFile.Write(image, name);
        return file.Use(path => embedders.EmbedImage(path, cancellationToken));
    }

    /// <summary>The vectors of many image files, encoded in batches (faster than one at a time).</summary>
    /// <param name="paths">The image files.</param>
    /// <param name="progress">Receives how many of <paramref name="paths"/> are done.</param>
    /// <param name="cancellationToken">Stops the work between images.</param>
    /// <returns>One unit vector per file, in order.</returns>
    /// <exception cref="ImageLoadException">A file is missing or can't be decoded; the message names the first such file.</exception>
    public float[][] EncodeImages(IReadOnlyList<string> paths, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            return [];
        }

        var full = paths.Select(p => Path.GetFullPath(p ?? throw new ArgumentNullException(nameof(paths)))).ToList();
        var embedded = embedders.Embed(full, progress, cancellationToken);
        if (embedded.Unreadable.Count > 0)
        {
            // Embedded alone, the first unreadable file throws the decoder's own error, naming it and saying why.
            embedders.EmbedImage(embedded.Unreadable[0].Path, cancellationToken);
            throw new ImageLoadException(embedded.Unreadable[0].Path, ImageLoadFailure.Unreadable, embedded.Unreadable[0].Reason);
        }

        return Rows(embedded.Vectors, paths.Count);
    }

    /// <summary>How well a sentence matches an image file: the cosine of their vectors, the score search ranks images by.</summary>
    /// <param name="sentence">The text.</param>
    /// <param name="imagePath">The image file.</param>
    /// <returns>A score in [-1, 1]; higher is a better match. Without a calibration it is comparable only with other scores of this model.</returns>
    public float Score(string sentence, string imagePath) => TensorPrimitives.Dot(EncodeText(sentence), EncodeImage(imagePath));

    /// <summary>
    /// The cosine similarity of two vectors, in [-1, 1]. For this model's vectors, which are unit length, it equals their
    /// dot product: the score search and annotation rank by.
    /// </summary>
    /// <param name="a">A vector, from <see cref="EncodeText"/> or <see cref="EncodeImage(string, CancellationToken)"/>.</param>
    /// <param name="b">A vector of the same length.</param>
    /// <exception cref="ArgumentException">The vectors differ in length, or are empty.</exception>
    public static float Similarity(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.IsEmpty)
        {
            throw new ArgumentException($"The vectors have {a.Length} and {b.Length} floats: give two non-empty vectors of one model.", nameof(b));
        }

        return TensorPrimitives.CosineSimilarity(a, b);
    }

    /// <summary>
    /// Trains a model on a dataset and writes its folder, as <c>itm train</c> does: read the dataset, extract (cached)
    /// image inputs, build the text featurizer from the training split, train with checkpoints (a rerun resumes), evaluate
    /// on the test split, calibrate search scores on the validation split, and save the folder with its history and plot.
    /// </summary>
    /// <param name="options">
    /// The dataset (Karpathy JSON, COCO, Flickr8k, or a folder's <c>captions.jsonl</c>), the output folder, the model and
    /// the trainer. The records' defaults are what <c>itm train</c> trains: the late fusion of MiniLM and a trigram +
    /// skip-gram bag for text, ResNet18 features, InfoNCE with in-batch negatives (docs/training.md says why).
    /// </param>
    /// <param name="progress">Receives the stages and each epoch's figures.</param>
    /// <param name="cancellationToken">Stops training at the next batch; the last checkpoint is kept.</param>
    /// <returns>The model folder and the training and test figures. Load the folder with <see cref="Load"/>.</returns>
    /// <example>
    /// <code>
    /// var result = ItmModel.Train(new TrainJobOptions
    /// {
    ///     DatasetPath = "data/tuxpaint/dataset.json",
    ///     OutDir = "models/tuxpaint",
    ///     Model = new JointEmbeddingOptions { Dim = 256 },
    ///     Trainer = new TrainerOptions { Epochs = 20 },
    /// });
    /// Console.WriteLine($"test R-sum {result.Test?.RSum:F1}");
    /// </code>
    /// </example>
    public static TrainJobResult Train(TrainJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TrainJob.Run(options, progress, cancellationToken);
    }

    /// <summary>
    /// Evaluates a model folder on a split of a dataset, as <c>itm eval</c> does: every image and sentence encoded once,
    /// all pairs scored, R@1/5/10, median and mean rank in both directions (annotation and search), and for a calibrated
    /// model how well its calibration holds on the split.
    /// </summary>
    /// <param name="options">The model folder, the dataset and the split (test by default).</param>
    /// <param name="progress">Receives the stages.</param>
    /// <param name="cancellationToken">Stops the work between images.</param>
    /// <returns>The report (<see cref="EvalJobResult.Report"/>), each query's rank and the embeddings.</returns>
    public static EvalJobResult Evaluate(EvalJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return EvalJob.Run(options, progress, cancellationToken);
    }

    /// <summary>
    /// Fits (or refits) a model folder's calibration of search scores on a split of a dataset (validation by default),
    /// as <c>itm calibrate</c> does, and writes its <c>calibration.json</c>. <see cref="Train"/> already writes one.
    /// </summary>
    /// <param name="options">The model folder, the dataset, the split and the method.</param>
    /// <param name="progress">Receives the stages.</param>
    /// <param name="cancellationToken">Stops the work between images.</param>
    /// <returns>The file written and the calibration in it.</returns>
    public static CalibrateJobResult Calibrate(CalibrateJobOptions options, IProgress<JobEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CalibrateJob.Run(options, progress, cancellationToken);
    }

    /// <summary>
    /// Writes the model's text and image encoders as ONNX files (<c>text_encoder.onnx</c>, <c>image_encoder.onnx</c>,
    /// <c>onnx.json</c> describing their inputs, and the featurizer for the text models that read ids), as
    /// <c>itm export --model</c> does. ONNX Runtime reproduces this model's vectors from them.
    /// </summary>
    /// <param name="outDir">The folder to write into; created if missing.</param>
    /// <returns>What each file reads and returns.</returns>
    /// <example>
    /// <code>
    /// using var model = ItmModel.Load("models/demo");
    /// model.ExportOnnx("export/demo-onnx");
    /// </code>
    /// </example>
    public OnnxExportResult ExportOnnx(string outDir) => OnnxExport.Write(loaded, outDir);

    /// <summary>Releases the model's weights and the image network.</summary>
    public void Dispose() => embedders.Dispose();

    /// <summary>Row-major N × D floats as N arrays.</summary>
    private float[][] Rows(float[] flat, int count)
    {
        int dim = Dimension;
        var rows = new float[count][];
        for (int i = 0; i < count; i++)
        {
            rows[i] = flat.AsSpan(i * dim, dim).ToArray();
        }

        return rows;
    }
}
