using System.Buffers;
using System.Numerics.Tensors;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Itm.Data.IO;
using Itm.Data.Images;
using Itm.Model.Features;
using Itm.Model.ImageEncoders.Onnx;
using Itm.Model.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// The pretrained ResNet18 (ImageNet, CNTK export shipped in Microsoft.ML.DnnImageFeaturizer.ResNet18) run by ONNX
/// Runtime on the CPU: 224×224 images in, the 512-d global-average-pooled features out, or, with
/// <see cref="ResNet18Output.LastBlockInput"/>, the tensor entering the last residual block, or, with
/// <see cref="ResNet18Output.FinalMaps"/>, the maps the final pooling reads. Preprocessing comes from
/// the sidecar file next to the model. <see cref="Extract"/> decodes on <see cref="ResNet18Options.DecoderThreads"/>
/// threads while the network runs, so decoding hides behind inference.
/// </summary>
public sealed class ResNet18Featurizer : IDecodedImageFeaturizer, IDisposable
{
    private const string BatchDimension = "batch";

    /// <summary>
    /// Bumped when <see cref="FoldedConvNet.ToInt8"/> changes what it writes, so old int8 features are not reused. 2:
    /// weights of seven bits (<see cref="Itm.Model.Onnx.Int8Weights.Limit"/>), the same features on every CPU.
    /// </summary>
    private const int Int8Format = 2;

    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly ImageLoader _loader;
    private readonly int _inputLength;

    /// <summary>One batch of network inputs per view of the pictures (<see cref="ViewCount"/>): the picture, or its views.</summary>
    private readonly float[][] _views;
    private readonly Lock _gate = new();

    public ResNet18Featurizer(ResNet18Options? options = null)
    {
        Options = options ?? new ResNet18Options();
        Options.Validate();
        var folder = Options.ModelDirectory;
        var modelPath = Path.Combine(folder, Options.ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException(
                $"The ResNet18 model '{modelPath}' is missing. Building Itm.Model copies it there from the NuGet package " +
                "Microsoft.ML.DnnImageFeaturizer.ResNet18 0.23.1; set ResNet18Options.ModelDirectory if it lives elsewhere.", modelPath);
        }

        var published = ImagePreprocessing.Load(Path.Combine(folder, Options.PreprocessingFile));
        Preprocessing = Options.Fit is { } fit ? published.FittedTo(fit) : published;
        Normalization = Preprocessing.ToNormalization(folder);
        var modelBytes = File.ReadAllBytes(modelPath);
        var modelHash = Convert.ToHexStringLower(SHA256.HashData(modelBytes));
        LastBlock = Options.Output == ResNet18Output.PooledFeatures ? null : ResNet18LastBlock.Read(modelBytes, modelPath);
        var sessionPath = Options.Precision == PretrainedPrecision.Int8
            ? Int8SessionModel(modelPath, modelBytes, modelHash, out modelHash)
            : SessionModel(modelPath, modelBytes, modelHash);

        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", Options.IntraOpSpinning ? "1" : "0");
        try
        {
            _session = new InferenceSession(sessionPath, _sessionOptions);
            (_inputName, _outputName, OutputShape) = Describe(_session, Preprocessing.Size, Options.BatchSize, modelPath);
            if (LastBlock is { } block && (OutputShape is not [var channels, var side, var other]
                || channels != block.Channels || side != other || (block.PoolSize != 0 && side != block.PoolSize)))
            {
                throw new InvalidDataException(
                    $"'{modelPath}': the last residual block's tensor '{MapsTensor}' is [{string.Join(", ", OutputShape)}]; " +
                    $"its weights need [{block.Channels}, S, S] with S the {block.PoolSize}×{block.PoolSize} window of the final pooling.");
            }
        }
        catch
        {
            _session?.Dispose();
            _sessionOptions.Dispose();
            _runOptions.Dispose();
            throw;
        }

        NetworkDimension = OutputShape.Aggregate(1, (a, b) => a * b);
        Dimension = Options.Views == ImageViews.Scales ? 2 * NetworkDimension : NetworkDimension;
        Fingerprint = MakeFingerprint(Name, modelHash, Preprocessing, Normalization, MapsTensor, Options.Views);
        DecodedSize = Options.Views == ImageViews.Scales ? 2 * Preprocessing.Size : Preprocessing.Size;
        _loader = new ImageLoader(Options.Images with { TargetSize = DecodedSize, Fit = Preprocessing.LoaderFit });
        _inputLength = 3 * Preprocessing.Size * Preprocessing.Size;
        _views = [.. Enumerable.Range(0, ViewCount).Select(_ => new float[Options.BatchSize * _inputLength])];
    }

    /// <summary>How many network inputs each picture makes: 2 with its mirror image, 5 at two scales.</summary>
    private int ViewCount => Options.Views switch
    {
        ImageViews.Flip => 2,
        ImageViews.Scales => 5,
        _ => 1,
    };

    /// <summary>The side of the square a picture is decoded to: the network's input, or twice it for <see cref="ImageViews.Scales"/>.</summary>
    public int DecodedSize { get; }

    /// <summary>The width of one pass's output.</summary>
    private int NetworkDimension { get; }

    /// <summary>
    /// "resnet18" for the pooled features, "resnet18-int8" for those of the quantised network, "resnet18-block-input"
    /// for the last block's input and "resnet18-final-maps" for the maps before pooling, so none of them share a cache
    /// entry or a manifest.
    /// </summary>
    public string Name => (Options.Output, Options.Precision) switch
    {
        (ResNet18Output.LastBlockInput, _) => "resnet18-block-input",
        (ResNet18Output.FinalMaps, _) => "resnet18-final-maps",
        (_, PretrainedPrecision.Int8) => "resnet18-int8",
        _ => "resnet18",
    };

    /// <summary>
    /// 512 for the stock model's pooled features (the channels of the last residual stage), 1,024 for two scales of them
    /// (<see cref="ImageViews.Scales"/>); 25,088 for either map.
    /// </summary>
    public int Dimension { get; }

    /// <summary>The shape of one image's output: <c>[512, 1, 1]</c> pooled, <c>[512, 7, 7]</c> for the last block's input or output.</summary>
    public IReadOnlyList<int> OutputShape { get; }

    /// <summary>With either map output: the last block, with its pretrained weights, whose input or output this returns; otherwise null.</summary>
    public ResNet18LastBlock? LastBlock { get; }

    /// <summary>The graph tensor returned instead of the pooled features; null for those.</summary>
    private string? MapsTensor => Options.Output switch
    {
        ResNet18Output.LastBlockInput => LastBlock!.InputTensor,
        ResNet18Output.FinalMaps => LastBlock!.OutputTensor,
        _ => null,
    };

    public string Fingerprint { get; }

    public ResNet18Options Options { get; }

    /// <summary>What the sidecar says the network expects, with images put on its square input by <see cref="ResNet18Options.Fit"/>.</summary>
    public ImagePreprocessing Preprocessing { get; }

    /// <summary>The sidecar's preprocessing made concrete (mean image loaded): what <see cref="Featurize"/> applies.</summary>
    public ChwNormalization Normalization { get; }

    /// <inheritdoc />
    public RgbImage Decode(string path) => _loader.Load(path);

    /// <summary>Features of already decoded images (as <see cref="Decode"/> gives them), which must be <see cref="DecodedSize"/> square.</summary>
    public float[][] Featurize(IReadOnlyList<RgbImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var results = new float[images.Count][];
        lock (_gate)
        {
            var chw = new float[ViewCount * _inputLength];
            for (var start = 0; start < images.Count; start += Options.BatchSize)
            {
                var count = Math.Min(Options.BatchSize, images.Count - start);
                for (var k = 0; k < count; k++)
                {
                    var image = images[start + k];
                    if (image.Width != DecodedSize || image.Height != DecodedSize)
                    {
                        throw new ArgumentException(
                            $"Image {start + k} is {image.Width}x{image.Height}; this featurizer takes {DecodedSize}x{DecodedSize}.", nameof(images));
                    }

                    WriteViews(image, chw);
                    PlaceViews(chw, k);
                }

                RunBatch(count).CopyTo(results, start);
            }
        }

        return results;
    }

    /// <inheritdoc />
    public float[][] Extract(IReadOnlyList<string> imagePaths, IProgress<FeatureProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        var total = imagePaths.Count;
        var results = new float[total][];
        if (total == 0)
        {
            return results;
        }

        lock (_gate)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

            // Bounded: decoders run at most two batches ahead, so memory stays flat however many paths come in.
            using var decoded = new BlockingCollection<DecodedImage>(boundedCapacity: 2 * Options.BatchSize);
            ExceptionDispatchInfo? failure = null;
            var next = -1;
            var running = Math.Min(Options.DecoderThreads, total);

            void Decode()
            {
                try
                {
                    for (var i = Interlocked.Increment(ref next); i < total && !stop.IsCancellationRequested; i = Interlocked.Increment(ref next))
                    {
                        var image = _loader.Load(imagePaths[i]);
                        var chw = ArrayPool<float>.Shared.Rent(ViewCount * _inputLength);
                        WriteViews(image, chw);

                        try
                        {
                            decoded.Add(new DecodedImage(i, chw), stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            ArrayPool<float>.Shared.Return(chw);
                            throw;
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Stopped because the caller cancelled or another decoder failed; that path reports it.
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    stop.Cancel();
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        decoded.CompleteAdding();
                    }
                }
            }

            var decoders = Enumerable.Range(0, running)
                .Select(_ => Task.Factory.StartNew(Decode, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                .ToArray();
            var indices = new int[Options.BatchSize];
            var filled = 0;
            var completed = 0;

            void Flush()
            {
                var features = RunBatch(filled);
                for (var k = 0; k < filled; k++)
                {
                    results[indices[k]] = features[k];
                }

                completed += filled;
                filled = 0;
                progress?.Report(new FeatureProgress(completed, total));
            }

            try
            {
                foreach (var item in decoded.GetConsumingEnumerable(stop.Token))
                {
                    PlaceViews(item.Chw, filled);
                    ArrayPool<float>.Shared.Return(item.Chw);
                    indices[filled++] = item.Index;
                    if (filled == Options.BatchSize)
                    {
                        Flush();
                    }
                }

                if (filled > 0)
                {
                    Flush();
                }
            }
            catch (OperationCanceledException) when (failure is not null)
            {
                // A decoder failed and stopped the pipeline: its exception, naming the file, is rethrown below.
            }
            finally
            {
                stop.Cancel();
                Task.WaitAll(decoders);
                while (decoded.TryTake(out var left))
                {
                    ArrayPool<float>.Shared.Return(left.Chw);
                }
            }

            failure?.Throw();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return results;
    }

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>
    /// The network inputs of one decoded picture, view after view: the picture; or it and its mirror image
    /// (<see cref="ImageViews.Flip"/>); or, decoded at twice the input size, the picture at half that size and its four
    /// quarters, top left, top right, bottom left, bottom right (<see cref="ImageViews.Scales"/>).
    /// </summary>
    private void WriteViews(RgbImage image, Span<float> chw)
    {
        var size = Preprocessing.Size;
        switch (Options.Views)
        {
            case ImageViews.Flip:
                image.WriteChw(chw[.._inputLength], Normalization);
                image.Mirrored().WriteChw(chw.Slice(_inputLength, _inputLength), Normalization);
                break;
            case ImageViews.Scales:
                image.Halved().WriteChw(chw[.._inputLength], Normalization);
                for (var q = 0; q < 4; q++)
                {
                    image.Cropped(q % 2 * size, q / 2 * size, size, size).WriteChw(chw.Slice((1 + q) * _inputLength, _inputLength), Normalization);
                }

                break;
            default:
                image.WriteChw(chw[.._inputLength], Normalization);
                break;
        }
    }

    /// <summary>Copies one picture's views (<see cref="WriteViews"/>) into place <paramref name="slot"/> of each view's batch.</summary>
    private void PlaceViews(ReadOnlySpan<float> chw, int slot)
    {
        for (var v = 0; v < _views.Length; v++)
        {
            chw.Slice(v * _inputLength, _inputLength).CopyTo(_views[v].AsSpan(slot * _inputLength));
        }
    }

    /// <summary>
    /// Runs the network on the first <paramref name="count"/> pictures of every view's batch and combines each picture's
    /// views: the one view's features; the mean of the picture's and its mirror image's; or the whole picture's
    /// features followed by the mean of its quarters'.
    /// </summary>
    private float[][] RunBatch(int count)
    {
        var views = _views.Select(batch => Run(batch, count)).ToArray();
        return Options.Views switch
        {
            ImageViews.Flip => [.. Enumerable.Range(0, count).Select(k => Mean(views[0][k], views[1][k]))],
            ImageViews.Scales => [.. Enumerable.Range(0, count).Select(k => (float[])[.. views[0][k], .. Mean(views[1][k], views[2][k], views[3][k], views[4][k])])],
            _ => views[0],
        };
    }

    /// <summary>The component-wise mean of vectors of one length.</summary>
    private static float[] Mean(params float[][] vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }

        TensorPrimitives.Multiply(mean, 1f / vectors.Length, mean);
        return mean;
    }

    /// <summary>Runs the network on the first <paramref name="count"/> images in <paramref name="batch"/>.</summary>
    private float[][] Run(float[] batch, int count)
    {
        var size = Preprocessing.Size;
        using var input = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, batch.AsMemory(0, count * _inputLength), [count, 3, size, size]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [_outputName]);
        var flat = outputs[0].GetTensorDataAsSpan<float>();   // [count, ...OutputShape]
        var features = new float[count][];
        for (var k = 0; k < count; k++)
        {
            features[k] = flat.Slice(k * NetworkDimension, NetworkDimension).ToArray();
        }

        return features;
    }

    /// <summary>
    /// The file ONNX Runtime loads. The stock file fixes the batch at 1, which ONNX Runtime enforces, and its only output
    /// is the pooled features. When either must change, a rewritten copy is written once to the cache, named by the
    /// original's hash and the edits, so an updated model never reuses a stale copy.
    /// </summary>
    private string SessionModel(string modelPath, byte[] modelBytes, string modelHash)
    {
        var batched = Options.BatchSize > 1;
        var edits = new List<string>(2);
        if (MapsTensor is { } maps)
        {
            edits.Add(maps);
        }

        if (batched)
        {
            edits.Add(BatchDimension);
        }

        if (edits.Count == 0)
        {
            return modelPath;
        }

        var folder = Path.Combine(Features.CacheDirectory.Resolve(Options.CacheDirectory), "models");
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(modelPath)}-{modelHash[..16]}-{string.Join('-', edits)}.onnx");
        if (File.Exists(path))
        {
            return path;
        }

        var rewritten = MapsTensor is { } output ? OnnxModelFile.SetGraphOutputs(modelBytes, [output]) : modelBytes;
        if (batched)
        {
            rewritten = OnnxModelFile.MakeBatchDimensionSymbolic(rewritten, BatchDimension, out var report);
            if (report.Inputs == 0 && MapsTensor is null)
            {
                return modelPath;   // Nothing was fixed at 1: the file already takes any batch size.
            }
        }

        AtomicFile.Write(path, stream => stream.Write(rewritten));
        return path;
    }

    /// <summary>
    /// The quantised network ONNX Runtime loads: the model with its BatchNormalizations folded and int8 QDQ operators
    /// over the shipped activation ranges (<see cref="FoldedConvNet.ToInt8"/>), written once to the cache and named by
    /// the model's and the ranges' hashes. <paramref name="identity"/> hashes both, for the features' fingerprint.
    /// </summary>
    private string Int8SessionModel(string modelPath, byte[] modelBytes, string modelHash, out string identity)
    {
        var ranges = LoadInt8Ranges(Options, modelHash);
        identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelHash}\nint8 {Int8Format}\n{ranges.FileSha256}")));
        var batched = Options.BatchSize > 1;
        var folder = Path.Combine(Features.CacheDirectory.Resolve(Options.CacheDirectory), "models");
        var path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(modelPath)}-int8-{identity[..16]}{(batched ? "-" + BatchDimension : "")}.onnx");
        if (File.Exists(path))
        {
            return path;
        }

        var quantised = Int8Graph(modelBytes, modelPath, ranges);
        if (batched)
        {
            quantised = OnnxModelFile.MakeBatchDimensionSymbolic(quantised, BatchDimension, out _);
        }

        AtomicFile.Write(path, stream => stream.Write(quantised));
        return path;
    }

    /// <summary>
    /// The quantised network of <paramref name="options"/>' model file (<paramref name="modelBytes"/>, read from
    /// <paramref name="modelPath"/>), batch fixed as the file has it: what an int8 featurizer runs and what the ONNX
    /// export copies into an int8 model's image encoder.
    /// </summary>
    internal static byte[] Int8Graph(ResNet18Options options, byte[] modelBytes, string modelPath) =>
        Int8Graph(modelBytes, modelPath, LoadInt8Ranges(options, Convert.ToHexStringLower(SHA256.HashData(modelBytes))));

    private static byte[] Int8Graph(byte[] modelBytes, string modelPath, ResNet18Int8Ranges ranges) =>
        FoldedConvNet.Read(modelBytes, modelPath).ToInt8(ranges.ToActivationRanges());

    private static ResNet18Int8Ranges LoadInt8Ranges(ResNet18Options options, string modelHash) =>
        ResNet18Int8Ranges.Load(Path.Combine(options.ModelDirectory, options.Int8RangesFile), modelHash);

    private static (string Input, string Output, int[] Shape) Describe(InferenceSession session, int size, int batchSize, string modelPath)
    {
        if (session.InputMetadata.Count != 1 || session.OutputMetadata.Count != 1)
        {
            throw new InvalidDataException(
                $"'{modelPath}' has {session.InputMetadata.Count} inputs and {session.OutputMetadata.Count} outputs; an image featurizer has one of each.");
        }

        var (inputName, input) = session.InputMetadata.Single();
        var dims = input.Dimensions;
        if (dims.Length != 4 || dims[1] != 3 || dims[2] != size || dims[3] != size || (batchSize > 1 && dims[0] != -1))
        {
            throw new InvalidDataException(
                $"'{modelPath}' input '{inputName}' is [{string.Join(", ", dims)}]; the preprocessing file needs [{(batchSize > 1 ? "batch" : "1")}, 3, {size}, {size}].");
        }

        var (outputName, output) = session.OutputMetadata.Single();
        int[] shape = [.. output.Dimensions.Skip(1)];
        if (shape.Length == 0 || shape.Any(d => d <= 0))
        {
            throw new InvalidDataException($"'{modelPath}' output '{outputName}' is [{string.Join(", ", output.Dimensions)}]; expected a fixed feature size.");
        }

        return (inputName, outputName, shape);
    }

    /// <summary>The pooled features' fingerprint is unchanged from before other outputs existed, so their caches and models stay valid.</summary>
    private static string MakeFingerprint(
        string name, string modelHash, ImagePreprocessing preprocessing, ChwNormalization normalization, string? outputTensor, ImageViews views)
    {
        var meanImage = normalization.MeanImage is { } m
            ? Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(m.Span)))
            : "none";
        // One view adds nothing, so features computed before views existed keep their fingerprint and cache entries.
        var text = $"{modelHash}\n{preprocessing.ToJson()}\n{meanImage}\n{ImageLoader.PipelineVersion}" + (outputTensor is null ? "" : $"\noutput={outputTensor}")
            + (views == ImageViews.One ? "" : $"\nviews={views}");
        return name + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private readonly record struct DecodedImage(int Index, float[] Chw);
}
