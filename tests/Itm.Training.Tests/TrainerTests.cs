using Itm.Data;
using Itm.Evaluation;
using Itm.Model.Losses;
using Itm.Model.Persistence;
using Itm.Model.Sampling;
using Itm.Training.Checkpoints;

using static TorchSharp.torch;

namespace Itm.Training.Tests;

[Collection("Sequential")]
public sealed class TrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("itm-trainer-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static TrainerOptions Options(int epochs, NegativeSampling? negatives = null) => new()
    {
        Epochs = epochs,
        BatchSize = 16,
        LearningRate = 0.01,
        Patience = 100,
        Seed = 4,
        Loss = new LossOptions(LossKind.Hardest),
        Negatives = negatives ?? new NegativeSampling(NegativeKind.InBatch, 0, Direction.Both),
    };

    [Theory]
    [InlineData("inbatch", true)]
    [InlineData("random:8", true)]
    [InlineData("global", true)]
    [InlineData("inbatch", false)]
    public void Identical_captions_are_masked_and_counted_only_when_asked(string negatives, bool mask)
    {
        // 30 images, each with its own caption and one of 5 shared ones (icon sets repeat names): batches of 16 hold
        // pairs of different images with one sentence.
        int[] own = [.. Enumerable.Range(0, 30)];
        using var data = new TrainingData(
            TinyMatchingData.Create(30, seed: 5).Images.clone(),
            [.. own.SelectMany(i => new[] { new[] { i + 2 }, new[] { 40 + (i % 5) } })],
            [.. own.SelectMany(i => new[] { i, i })]);
        using var model = TinyMatchingData.Model(seed: 2);
        var events = new Collected();

        var result = Trainer.Run(model, data, data, Options(2, NegativeSampling.Parse(negatives, Direction.Both)) with { MaskIdenticalCaptions = mask }, progress: events);

        var masked = events.Items.OfType<IdenticalCaptionsMasked>().ToList();
        Assert.True(double.IsFinite(result.BestRSum));
        Assert.Equal(mask ? [1, 2] : [], masked.Select(m => m.Epoch));
        Assert.All(masked, m => Assert.True(m.InBatchPairs > 0));
    }

    [Fact]
    public void One_caption_an_epoch_draws_one_sentence_of_each_image_and_each_sentence_in_turn()
    {
        // Image 0 has sentences 0, 1 and 2; image 1 sentence 3; image 2 sentences 4 and 5
        int[] sentenceImage = [0, 0, 0, 1, 2, 2];
        var rng = new Random(3);

        var all = Trainer.EpochSentences(rng, sentenceImage, EpochCaptions.All);
        var epochs = Enumerable.Range(0, 200).Select(_ => Trainer.EpochSentences(rng, sentenceImage, EpochCaptions.One)).ToList();

        Assert.Equal([0, 1, 2, 3, 4, 5], all);
        Assert.All(epochs, sentences => Assert.Equal([0, 1, 2], sentences.Select(s => sentenceImage[s])));
        Assert.Equal([0, 1, 2, 3, 4, 5], epochs.SelectMany(s => s).Distinct().Order());
        var firstImage = epochs.Select(s => s[0]).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(firstImage.Values, count => Assert.InRange(count, 40, 95));   // each of three ~67 times in 200
    }

    [Fact]
    public void One_caption_an_epoch_trains_on_as_many_pairs_as_there_are_images()
    {
        // 30 images with two captions each: 60 pairs, or 30 when each image brings one
        int[] own = [.. Enumerable.Range(0, 30)];
        using var data = new TrainingData(
            TinyMatchingData.Create(30, seed: 5).Images.clone(),
            [.. own.SelectMany(i => new[] { new[] { i + 2 }, new[] { 40 + (i % 5) } })],
            [.. own.SelectMany(i => new[] { i, i })]);
        int StepsPerEpoch(EpochCaptions captions)
        {
            using var model = TinyMatchingData.Model(seed: 2);
            var events = new Collected();
            var result = Trainer.Run(model, data, data, Options(2) with { Captions = captions }, progress: events);
            Assert.True(double.IsFinite(result.BestRSum));
            return events.Items.OfType<StepCompleted>().Select(e => e.StepsPerEpoch).Distinct().Single();
        }

        Assert.Equal(4, StepsPerEpoch(EpochCaptions.All));    // 60 pairs in batches of 16
        Assert.Equal(2, StepsPerEpoch(EpochCaptions.One));    // 30
    }

    // Synchronous, unlike Progress<T>, so every event is there when Run returns.
    private sealed class Collected : IProgress<TrainingEvent>
    {
        public List<TrainingEvent> Items { get; } = [];

        public void Report(TrainingEvent value) => Items.Add(value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Sparse_or_dense_updates_learn_and_leave_the_rows_no_sentence_uses_alone(bool sparse)
    {
        using var data = TinyMatchingData.Create(40, seed: 1);
        using var model = TinyMatchingData.Model(seed: 2);
        var table = Assert.Single(model.RowSparseTables).Table;
        long[] used = [.. data.Sentences.SelectMany(s => s.Ids).Select(i => (long)i).Distinct()];
        long[] unused = [.. Enumerable.Range(0, (int)table.shape[0]).Select(i => (long)i).Except(used)];
        Assert.NotEmpty(unused);
        using var unusedBefore = table.index_select(0, tensor(unused));

        Trainer.Run(model, data, data, Options(25) with { SparseUpdates = sparse });

        var after = Trainer.Validate(model, data);
        Assert.True(after.TextToImage.R1 > 60, $"t2i R@1 {after.TextToImage.R1}");
        using var unusedAfter = table.index_select(0, tensor(unused));
        Assert.True(unusedBefore.eq(unusedAfter).all().item<bool>());
        // Sparse steps go through row copies: the table itself never holds a (whole-table) gradient.
        Assert.Equal(sparse, table.grad is null);
    }

    [Theory]
    [InlineData("inbatch")]
    [InlineData("semihard")]
    [InlineData("random:8")]
    [InlineData("global")]
    public void Training_learns_the_toy_matching_far_above_chance(string negatives)
    {
        using var data = TinyMatchingData.Create(40, seed: 1);
        using var model = TinyMatchingData.Model(seed: 2);
        var before = Trainer.Validate(model, data);

        var result = Trainer.Run(model, data, data, Options(25, NegativeSampling.Parse(negatives, Direction.Both)));

        var after = Trainer.Validate(model, data);
        // Chance R@1 is 2.5% (40 images); the toy problem is easy to memorise.
        Assert.True(after.ImageToText.R1 > 60, $"i2t R@1 {after.ImageToText.R1} (before {before.ImageToText.R1})");
        Assert.True(after.TextToImage.R1 > 60, $"t2i R@1 {after.TextToImage.R1} (before {before.TextToImage.R1})");
        Assert.Equal(after.RSum, result.BestRSum, 3);
        Assert.Equal(25, result.History.Epochs.Count);
    }

    [Theory]
    [InlineData(Direction.Search)]
    [InlineData(Direction.Annotate)]
    public void A_specialised_run_keeps_the_epoch_that_scores_best_in_its_own_direction(Direction direction)
    {
        using var data = TinyMatchingData.Create(30, seed: 3);
        using var model = TinyMatchingData.Model(seed: 2);

        var result = Trainer.Run(model, data, data, Options(6, new NegativeSampling(NegativeKind.Global, 0, direction) { CounterWeight = 0.5f }));

        double Own(EpochRecord e) => direction == Direction.Search ? e.ValT2I!.RecallSum : e.ValI2T!.RecallSum;
        var best = result.History.Epochs.MaxBy(Own)!;
        Assert.Equal(Own(best), result.BestRSum, 6);
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(Own(best), Trainer.SelectionScore(Trainer.Validate(model, data), direction), 3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_model()
    {
        using var data = TinyMatchingData.Create(20, seed: 1);
        using var first = TinyMatchingData.Model(seed: 2);
        using var second = TinyMatchingData.Model(seed: 2);

        Trainer.Run(first, data, data, Options(3));
        Trainer.Run(second, data, data, Options(3));

        TinyMatchingData.AssertSameWeights(first, second);
    }

    [Fact]
    public void An_interrupted_run_resumes_to_the_same_model_and_history_as_an_uninterrupted_one()
    {
        using var data = TinyMatchingData.Create(20, seed: 1);
        using var straight = TinyMatchingData.Model(seed: 2);
        var straightResult = Trainer.Run(straight, data, data, Options(5), new CheckpointStore(Path.Combine(folder, "straight")), "f");

        // Given a run cancelled right after epoch 2 was checkpointed
        var store = new CheckpointStore(Path.Combine(folder, "interrupted"));
        using var cancel = new CancellationTokenSource();
        var stopAfterTwo = new InlineProgress<TrainingEvent>(e =>
        {
            if (e is EpochCompleted { Record.Epoch: 2 })
            {
                cancel.Cancel();
            }
        });
        using (var interrupted = TinyMatchingData.Model(seed: 2))
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Run(interrupted, data, data, Options(5), store, "f", stopAfterTwo, cancel.Token));
        }

        // When a fresh process (a differently initialised model) runs the same command again
        using var resumed = TinyMatchingData.Model(seed: 99);
        var events = new List<TrainingEvent>();
        var resumedResult = Trainer.Run(resumed, data, data, Options(5), store, "f", new InlineProgress<TrainingEvent>(events.Add));

        // Then it picks up after epoch 2 and ends exactly where the uninterrupted run did
        Assert.Contains(events, e => e is Resumed { CompletedEpochs: 2 });
        Assert.Equal(straightResult.History.Epochs.Select(e => e.TrainLoss), resumedResult.History.Epochs.Select(e => e.TrainLoss));
        Assert.Equal(straightResult.BestEpoch, resumedResult.BestEpoch);
        TinyMatchingData.AssertSameWeights(straight, resumed);
    }

    [Fact]
    public void A_checkpoint_from_other_options_is_refused_with_a_message()
    {
        using var data = TinyMatchingData.Create(10, seed: 1);
        var store = new CheckpointStore(Path.Combine(folder, "other"));
        using (var model = TinyMatchingData.Model(seed: 2))
        {
            Trainer.Run(model, data, data, Options(1), store, "options-A");
        }

        using var again = TinyMatchingData.Model(seed: 2);
        var error = Assert.Throws<ModelFolderException>(() => Trainer.Run(again, data, data, Options(2), store, "options-B"));
        Assert.Contains(store.Folder, error.Message);
    }

    [Fact]
    public void Early_stopping_ends_the_run_and_keeps_the_best_epoch()
    {
        using var data = TinyMatchingData.Create(20, seed: 1);
        using var model = TinyMatchingData.Model(seed: 2);
        // A learning rate of zero can't improve on epoch 1.
        var options = Options(10) with { LearningRate = 1e-12, Patience = 2 };

        var result = Trainer.Run(model, data, data, options);

        Assert.True(result.StoppedEarly);
        Assert.Equal(1, result.BestEpoch);
        Assert.Equal(3, result.History.Epochs.Count);
    }
}
