using System.Diagnostics;
using Itm.Evaluation;
using Itm.Model.JointEmbedding;
using Itm.Model.Losses;
using Itm.Model.Persistence;
using Itm.Model.Sampling;
using Itm.Model.TextEncoders;
using Itm.Training.Checkpoints;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Training;

/// <summary>The outcome of <see cref="Trainer.Run"/>; the model holds the best weights when it returns.</summary>
public sealed record TrainingResult(TrainingHistory History, int BestEpoch, double BestRSum, bool StoppedEarly);

/// <summary>
/// The training loop: Adam with a learning-rate schedule and gradient clipping over shuffled
/// (image, sentence) pairs, the ranking loss with the configured negatives, validation R-sum after
/// every epoch, early stopping, best weights kept, a checkpoint per epoch to resume from.
/// It knows nothing of consoles or files beyond its checkpoint store: it reports through <see cref="IProgress{T}"/>.
/// Every epoch's randomness (shuffle, negatives, dropout) is derived from (seed, epoch), so a resumed
/// run is the same as one that was never interrupted, and the same seed gives the same model.
/// </summary>
public static class Trainer
{
    public static TrainingResult Run(
        JointEmbeddingModel model,
        TrainingData train,
        TrainingData? validation,
        TrainerOptions options,
        CheckpointStore? checkpoints = null,
        string optionsFingerprint = "",
        IProgress<TrainingEvent>? progress = null,
        CancellationToken cancellation = default)
    {
        options.Validate();
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        var (optimizer, groupScales) = CreateOptimizer(model, options);
        using var disposeOptimizer = optimizer;
        var state = Restore(model, optimizer, checkpoints, optionsFingerprint, progress)
            ?? new TrainerState(0, 0, double.NegativeInfinity, 0, optionsFingerprint, new TrainingHistory());
        var history = state.History;
        var sentencePool = new RandomNegativePool(train.SentenceImage.Select(i => (long)i).ToArray());
        var imagePool = new RandomNegativePool(Enumerable.Range(0, train.ImageCount).Select(i => (long)i).ToArray());
        // Which training sentences are the same: fixed by the data, so worked out once for the whole run.
        using var duplicates = options.MaskIdenticalCaptions || options.Negatives.Kind == NegativeKind.Global ? new TextDuplicates(train) : null;
        bool stoppedEarly = false;
        Dictionary<string, Tensor>? bestInMemory = null;
        using var rowSparse = RowSparseBag.Use(model.RowSparseTables, options.SparseUpdates);
        for (int epoch = state.CompletedEpochs + 1; epoch <= options.Epochs; epoch++)
        {
            cancellation.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            double lr = LearningRateAt(options, epoch);
            foreach (var (group, scale) in optimizer.ParamGroups.Zip(groupScales))
            {
                group.LearningRate = lr * scale;
            }

            double loss = RunEpoch(model, optimizer, train, options, epoch, sentencePool, imagePool, duplicates, progress, cancellation);
            RetrievalMetrics? metrics = validation is null ? null : Validate(model, validation);
            double rsum = metrics is null ? -loss : SelectionScore(metrics, options.Negatives.Direction);
            var record = new EpochRecord(epoch, loss, metrics?.RSum ?? double.NaN, lr, clock.Elapsed.TotalSeconds, metrics?.ImageToText, metrics?.TextToImage);
            history.Add(record);

            bool isBest = rsum > state.BestRSum;
            state = isBest
                ? state with { BestEpoch = epoch, BestRSum = rsum, EpochsWithoutImprovement = 0 }
                : state with { EpochsWithoutImprovement = state.EpochsWithoutImprovement + 1 };
            state = state with { CompletedEpochs = epoch, History = history };
            if (isBest)
            {
                if (checkpoints is null)
                {
                    bestInMemory = Snapshot(model, bestInMemory);
                }
                else
                {
                    checkpoints.SaveBest(model);
                }
            }

            checkpoints?.Save(model, optimizer, state);
            progress?.Report(new EpochCompleted(record, isBest, state.EpochsWithoutImprovement));
            if (state.EpochsWithoutImprovement >= options.Patience && epoch < options.Epochs)
            {
                stoppedEarly = true;
                progress?.Report(new StoppedEarly(epoch, state.BestEpoch));
                break;
            }
        }

        if (checkpoints is not null && File.Exists(checkpoints.BestWeightsPath))
        {
            model.load(checkpoints.BestWeightsPath);
        }
        else if (bestInMemory is not null)
        {
            model.load_state_dict(bestInMemory);
        }

        return new TrainingResult(history, state.BestEpoch, state.BestRSum, stoppedEarly);
    }

    /// <summary>
    /// What model selection and early stopping maximise: the R-sum of the trained direction(s), so a run specialised to
    /// search keeps the epoch that searches best.
    /// </summary>
    public static double SelectionScore(RetrievalMetrics metrics, Direction direction) => direction switch
    {
        Direction.Search => metrics.TextToImage.RecallSum,
        Direction.Annotate => metrics.ImageToText.RecallSum,
        _ => metrics.RSum,
    };

    /// <summary>Validation R-sum protocol: encode every image and sentence once, score all pairs.</summary>
    public static RetrievalMetrics Validate(JointEmbeddingModel model, TrainingData data)
    {
        float[] images = Embedder.EncodeImages(model, data.Images);
        float[] texts = Embedder.EncodeTexts(model, data.Sentences);
        int dim = images.Length / data.ImageCount;
        return RankMetrics.FromEmbeddings(images, texts, dim, data.SentenceImage).Metrics;
    }

    private static double RunEpoch(
        JointEmbeddingModel model,
        Adam optimizer,
        TrainingData train,
        TrainerOptions options,
        int epoch,
        RandomNegativePool sentencePool,
        RandomNegativePool imagePool,
        TextDuplicates? duplicates,
        IProgress<TrainingEvent>? progress,
        CancellationToken cancellation)
    {
        model.train();
        torch.manual_seed(EpochSeed(options.Seed, epoch));
        var rng = new Random(EpochSeed(options.Seed, epoch));
        var batches = EpochBatches(rng, EpochSentences(rng, train.SentenceImage, options.Captions), options.BatchSize);
        int steps = batches.Count;
        double lossSum = 0;
        int lossCount = 0;
        var clock = Stopwatch.StartNew();
        int pairsDone = 0;
        EmbeddingBank? bank = null;
        long maskedPairs = 0;
        for (int step = 0; step < steps; step++)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var sentenceIds = batches[step];
            int length = sentenceIds.Length;
            long[] imageIds = sentenceIds.Select(s => (long)train.SentenceImage[s]).ToArray();
            var images = model.EncodeImages(train.Images.index_select(0, tensor(imageIds)));   // [B, D]
            var texts = model.EncodeTexts(sentenceIds.Select(s => train.Sentences[s]).ToList()); // [B, D]
            var batch = new RankingBatch(images, texts, imageIds);
            if (options.MaskIdenticalCaptions)
            {
                batch = batch with { SentenceKeys = [.. sentenceIds.Select(duplicates!.TextId)] };
                maskedPairs += IdenticalCaptionPairs(batch.ImageIds, batch.SentenceKeys);
            }

            if (options.Negatives.Kind == NegativeKind.Random)
            {
                batch = WithRandomNegatives(model, train, batch, options.Negatives, rng, sentencePool, imagePool, duplicates);
            }
            else if (options.Negatives.Kind == NegativeKind.Global)
            {
                if (step % options.BankRefreshSteps == 0)
                {
                    bank?.Dispose();
                    bank = EmbeddingBank.Encode(model, train, options.Negatives, duplicates!);
                }

                batch = WithMinedNegatives(model, train, batch, sentenceIds, bank!, options.Negatives, duplicates!);
            }

            var loss = RankingLoss.Compute(batch, options.Loss, options.Negatives);
            // Gradients are dropped rather than zeroed: backward then stores fresh ones instead of adding them to zeros,
            // two passes less over every gradient (every parameter gets one each step, so Adam sees the same values).
            model.zero_grad(set_to_none: true);
            loss.backward();
            var rowGradients = model.RowSparseTables.Select(t => t.TakeRowGradients()).OfType<RowGradient>().ToList();
            try
            {
                FusedAdam.ClipAndStep(optimizer, options.GradientClip, rowGradients);
            }
            finally
            {
                rowGradients.ForEach(r => r.Dispose());
            }

            double value = loss.item<float>();
            lossSum += value;
            lossCount++;
            pairsDone += length;
            progress?.Report(new StepCompleted(epoch, step + 1, steps, value, pairsDone / Math.Max(1e-9, clock.Elapsed.TotalSeconds)));
        }

        bank?.Dispose();
        if (options.MaskIdenticalCaptions)
        {
            progress?.Report(new IdenticalCaptionsMasked(epoch, maskedPairs));
        }

        return lossCount == 0 ? double.NaN : lossSum / lossCount;
    }

    /// <summary>
    /// The batches of training sentence indices that epoch <paramref name="epoch"/> of a run seeded with
    /// <paramref name="seed"/> visits, in order: what the loop trains on, so a benchmark or a peer implementation can
    /// train on exactly the same batches.
    /// </summary>
    public static IReadOnlyList<int[]> EpochBatches(int seed, int epoch, int sentenceCount, int batchSize) =>
        EpochBatches(new Random(EpochSeed(seed, epoch)), Enumerable.Range(0, sentenceCount).ToArray(), batchSize);

    /// <summary>
    /// The training sentences an epoch visits: all of them, or (<see cref="EpochCaptions.One"/>) one per image,
    /// drawn with <paramref name="rng"/>, in the order of the images.
    /// </summary>
    internal static int[] EpochSentences(Random rng, IReadOnlyList<int> sentenceImage, EpochCaptions captions)
    {
        if (captions == EpochCaptions.All)
        {
            return Enumerable.Range(0, sentenceImage.Count).ToArray();
        }

        var byImage = Enumerable.Range(0, sentenceImage.Count).GroupBy(s => sentenceImage[s]).OrderBy(g => g.Key);
        return [.. byImage.Select(sentences => sentences.ElementAt(rng.Next(sentences.Count())))];
    }

    /// <summary>A shuffle of <paramref name="sentences"/> cut into batches; <paramref name="rng"/> goes on to draw the epoch's random negatives.</summary>
    private static List<int[]> EpochBatches(Random rng, int[] sentences, int batchSize)
    {
        int[] order = sentences;
        rng.Shuffle(order);

        // A last batch of one pair has no negatives: it is dropped (it's seen again next epoch, shuffled).
        var batches = new List<int[]>();
        for (int start = 0; start < order.Length && order.Length - start >= 2; start += batchSize)
        {
            batches.Add(order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray());
        }

        return batches;
    }

    private static RankingBatch WithRandomNegatives(
        JointEmbeddingModel model,
        TrainingData train,
        RankingBatch batch,
        NegativeSampling negatives,
        Random rng,
        RandomNegativePool sentencePool,
        RandomNegativePool imagePool,
        TextDuplicates? duplicates)
    {
        var exclude = batch.ImageIds.ToHashSet();
        int k = negatives.RandomCount;
        if (negatives.Direction != Direction.Search)
        {
            int[] drawn = sentencePool.Draw(rng, k, exclude);
            batch = batch with
            {
                ExtraTexts = model.EncodeTexts(drawn.Select(s => train.Sentences[s]).ToList()),
                ExtraTextImageIds = drawn.Select(s => (long)train.SentenceImage[s]).ToArray(),
                ExtraTextSentenceKeys = batch.SentenceKeys is null ? null : [.. drawn.Select(duplicates!.TextId)],
            };
        }

        if (negatives.Direction != Direction.Annotate)
        {
            long[] drawn = imagePool.Draw(rng, k, exclude).Select(i => (long)i).ToArray();
            batch = batch with
            {
                ExtraImages = model.EncodeImages(train.Images.index_select(0, tensor(drawn))),
                ExtraImageIds = drawn,
                ExtraImageSentenceKeys = ImageKeys(batch, drawn, duplicates),
            };
        }

        return batch;
    }

    /// <summary>
    /// <see cref="NegativeKind.Global"/>: each anchor's candidates are the batch plus the hardest item of the whole
    /// training set for each anchor (mined from the bank, then encoded with gradients like the batch).
    /// </summary>
    private static RankingBatch WithMinedNegatives(
        JointEmbeddingModel model, TrainingData train, RankingBatch batch, int[] sentenceIds, EmbeddingBank bank, NegativeSampling negatives, TextDuplicates duplicates)
    {
        if (negatives.TrainsSearch)
        {
            long[] mined = bank.HardestImages(batch.Texts, sentenceIds, batch.ImageIds);
            batch = batch with
            {
                ExtraImages = cat([batch.Images, model.EncodeImages(train.Images.index_select(0, tensor(mined)))], 0),
                ExtraImageIds = [.. batch.ImageIds, .. mined],
                ExtraImageSentenceKeys = batch.SentenceKeys is null ? null : [.. batch.SentenceKeys, .. ImageKeys(batch, mined, duplicates)!],
            };
        }

        if (negatives.TrainsAnnotation)
        {
            long[] mined = bank.HardestSentences(batch.Images, sentenceIds, batch.ImageIds);
            batch = batch with
            {
                ExtraTexts = cat([batch.Texts, model.EncodeTexts([.. mined.Select(s => train.Sentences[(int)s])])], 0),
                ExtraTextImageIds = [.. batch.ImageIds, .. mined.Select(s => (long)train.SentenceImage[(int)s])],
                ExtraTextSentenceKeys = batch.SentenceKeys is null ? null : [.. batch.SentenceKeys, .. mined.Select(s => duplicates.TextId((int)s))],
            };
        }

        return batch;
    }

    /// <summary>[K] the sentence key each image drawn from outside the batch stands for; null when the batch has no keys.</summary>
    private static long[]? ImageKeys(RankingBatch batch, long[] images, TextDuplicates? duplicates)
    {
        if (batch.SentenceKeys is null)
        {
            return null;
        }

        var batchKeys = batch.SentenceKeys.ToHashSet();
        return [.. images.Select(image => duplicates!.ImageKey(image, batchKeys))];
    }

    /// <summary>Ordered in-batch (anchor, candidate) pairs of different images with one sentence: what the mask adds.</summary>
    private static long IdenticalCaptionPairs(long[] imageIds, long[] keys)
    {
        long count = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            for (int j = 0; j < keys.Length; j++)
            {
                if (keys[i] == keys[j] && imageIds[i] != imageIds[j])
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static TrainerState? Restore(
        JointEmbeddingModel model,
        OptimizerHelper optimizer,
        CheckpointStore? checkpoints,
        string optionsFingerprint,
        IProgress<TrainingEvent>? progress)
    {
        var peek = checkpoints?.PeekLatest();
        if (checkpoints is null || peek is null)
        {
            return null;
        }

        if (peek.OptionsFingerprint != optionsFingerprint)
        {
            // The output folder holds another run's checkpoint: the command line's to change, not a fault of itm's.
            throw new ModelFolderException(
                $"The checkpoint in {checkpoints.Folder} was made with other training options or data. " +
                "Use a new output folder, or delete that checkpoint folder to start over.");
        }

        var state = checkpoints.TryRestoreLatest(model, optimizer)!;
        progress?.Report(new Resumed(state.CompletedEpochs));
        return state;
    }

    private static Dictionary<string, Tensor> Snapshot(JointEmbeddingModel model, Dictionary<string, Tensor>? previous)
    {
        if (previous is not null)
        {
            foreach (var t in previous.Values)
            {
                t.Dispose();
            }
        }

        using var noGrad = no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>
    /// Adam over the model's parameters: one group, or, when the model fine-tunes pretrained weights, a second group
    /// for those, whose learning rate is scaled by <see cref="TrainerOptions.PretrainedLearningRateScale"/>.
    /// </summary>
    /// <returns>The optimizer and each group's multiplier of the scheduled learning rate.</returns>
    private static (Adam Optimizer, double[] GroupScales) CreateOptimizer(JointEmbeddingModel model, TrainerOptions options)
    {
        var pretrained = model.PretrainedParameters().ToHashSet(ReferenceEqualityComparer.Instance);
        if (pretrained.Count == 0)
        {
            return (optim.Adam(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay), [1.0]);
        }

        double pretrainedRate = options.LearningRate * options.PretrainedLearningRateScale;
        var groups = new[]
        {
            new Adam.ParamGroup(model.parameters().Where(p => !pretrained.Contains(p)), new Adam.Options { LearningRate = options.LearningRate }),
            new Adam.ParamGroup(model.parameters().Where(p => pretrained.Contains(p)), new Adam.Options { LearningRate = pretrainedRate }),
        };
        return (optim.Adam(groups, options.LearningRate, weight_decay: options.WeightDecay), [1.0, options.PretrainedLearningRateScale]);
    }

    private static double LearningRateAt(TrainerOptions options, int epoch) => options.Schedule switch
    {
        LearningRateSchedule.Constant => options.LearningRate,
        LearningRateSchedule.Cosine => options.LearningRate *
            (0.1 + (0.9 * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / Math.Max(1, options.Epochs - 1))))),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Schedule, null),
    };

    private static int EpochSeed(int seed, int epoch) => unchecked((seed * 1_000_003) + epoch);
}
