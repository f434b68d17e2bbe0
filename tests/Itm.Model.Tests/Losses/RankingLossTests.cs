using Itm.Model.Losses;
using Itm.Model.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace Itm.Model.Tests.Losses;

/// <summary>The tensor ranking loss against the naive loop, its gradients, and its edge cases.</summary>
[Collection("Sequential")]
public sealed class RankingLossTests
{
    private static readonly LossOptions[] Losses =
    [
        new(LossKind.Sum, Margin: 0.2f),
        new(LossKind.Hardest, Margin: 0.2f),
        new(LossKind.InfoNce, Temperature: 0.1f),
    ];

    public static TheoryData<LossKind, NegativeKind, Direction, float, string> EveryCombination()
    {
        var data = new TheoryData<LossKind, NegativeKind, Direction, float, string>();
        foreach (var loss in Enum.GetValues<LossKind>())
        {
            foreach (var kind in Enum.GetValues<NegativeKind>())
            {
                foreach (var direction in Enum.GetValues<Direction>())
                {
                    // A counter weight only acts on a specialised direction; 0.5 exercises the weighted in-batch term.
                    foreach (float counter in direction == Direction.Both ? [0f] : new[] { 0f, 0.5f })
                    {
                        data.Add(loss, kind, direction, counter, "distinct");
                        data.Add(loss, kind, direction, counter, "duplicates");
                        data.Add(loss, kind, direction, counter, "identical");
                        data.Add(loss, kind, direction, counter, "duplicates-keyed");
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Matches_the_naive_loop(LossKind lossKind, NegativeKind kind, Direction direction, float counterWeight, string fixture)
    {
        var f = LossFixture.Named(fixture);
        var loss = Losses[(int)lossKind];
        var negatives = new NegativeSampling(kind, kind == NegativeKind.Random ? 3 : 0, direction) { CounterWeight = counterWeight };

        using var scope = NewDisposeScope();
        double actual = RankingLoss.Compute(f.ToBatch(), loss, negatives).item<float>();
        double expected = NaiveRankingLoss.Compute(f, loss, negatives);

        Assert.True(expected > 0, "the fixture should produce a non-zero loss for every combination");
        Assert.Equal(expected, actual, 1e-5 * Math.Max(1, Math.Abs(expected)));
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Without_sentence_keys_or_with_all_different_keys_the_loss_is_exactly_the_image_only_one(
        LossKind lossKind, NegativeKind kind, Direction direction, float counterWeight, string fixture)
    {
        var f = LossFixture.Named(fixture) with { SentenceKeys = null, ExtraImageSentenceKeys = null, ExtraTextSentenceKeys = null };
        var loss = Losses[(int)lossKind];
        var negatives = new NegativeSampling(kind, kind == NegativeKind.Random ? 3 : 0, direction) { CounterWeight = counterWeight };
        // Keys that never repeat and never meet an extra's: the rule masks nothing more than the image rule.
        var distinct = f with { SentenceKeys = [1, 2, 3, 4], ExtraImageSentenceKeys = [5, 6, 7], ExtraTextSentenceKeys = [8, 9, 10] };

        using var scope = NewDisposeScope();
        float unkeyed = RankingLoss.Compute(f.ToBatch(), loss, negatives).item<float>();
        float keyed = RankingLoss.Compute(distinct.ToBatch(), loss, negatives).item<float>();

        // Not bit for bit: the same call on fresh tensors already differs in the last float bit or two from run to run.
        Assert.Equal(unkeyed, keyed, 1e-6f * Math.Max(1, Math.Abs(unkeyed)));
        Assert.Equal(NaiveRankingLoss.Compute(f, loss, negatives), unkeyed, 1e-5 * Math.Max(1, Math.Abs(unkeyed)));
    }

    [Theory]
    [InlineData("identical")]
    [InlineData("duplicates-keyed")]
    public void The_keyed_fixtures_mask_candidates_the_image_rule_keeps(string fixture)
    {
        // Otherwise the combinations above could pass with the sentence rule ignored.
        var f = LossFixture.Named(fixture);
        var unkeyed = f with { SentenceKeys = null, ExtraImageSentenceKeys = null, ExtraTextSentenceKeys = null };
        var loss = Losses[(int)LossKind.Sum];
        foreach (var kind in new[] { NegativeKind.InBatch, NegativeKind.Random })
        {
            var negatives = new NegativeSampling(kind, kind == NegativeKind.Random ? 3 : 0, Direction.Both);
            Assert.True(NaiveRankingLoss.Compute(f, loss, negatives) < NaiveRankingLoss.Compute(unkeyed, loss, negatives) - 1e-3, $"{kind}");
        }
    }

    [Theory]
    [InlineData(LossKind.Sum, NegativeKind.Random)]
    [InlineData(LossKind.Sum, NegativeKind.Global)]
    [InlineData(LossKind.Hardest, NegativeKind.Random)]
    [InlineData(LossKind.Hardest, NegativeKind.Global)]
    [InlineData(LossKind.InfoNce, NegativeKind.Random)]
    [InlineData(LossKind.InfoNce, NegativeKind.Global)]
    public void Candidates_with_the_anchors_sentence_get_no_gradient(LossKind lossKind, NegativeKind kind)
    {
        // Every pair has one caption (an icon family's variants): extra text rows 0 and 2 and extra image row 0 carry it,
        // so they are masked for every anchor and nothing may flow back to them.
        var f = LossFixture.Distinct() with { SentenceKeys = [7, 7, 7, 7], ExtraTextSentenceKeys = [7, 8, 7], ExtraImageSentenceKeys = [7, 8, 8] };
        using var scope = NewDisposeScope();
        var batch = f.ToBatch(requiresGrad: true);

        var value = RankingLoss.Compute(batch, Losses[(int)lossKind], new NegativeSampling(kind, kind == NegativeKind.Random ? 3 : 0, Direction.Both));
        value.backward();

        Assert.True(value.item<float>() > 0, "the unmasked extras still count");
        Assert.Equal(0f, batch.ExtraTexts!.grad![0].abs().sum().item<float>());
        Assert.Equal(0f, batch.ExtraTexts.grad[2].abs().sum().item<float>());
        Assert.Equal(0f, batch.ExtraImages!.grad![0].abs().sum().item<float>());
        Assert.True(batch.ExtraTexts.grad[1].abs().sum().item<float>() > 0 || lossKind == LossKind.Hardest);
    }

    [Theory]
    [InlineData(LossKind.Sum, NegativeKind.InBatch)]
    [InlineData(LossKind.Hardest, NegativeKind.Hardest)]
    [InlineData(LossKind.Hardest, NegativeKind.SemiHard)]
    [InlineData(LossKind.InfoNce, NegativeKind.InBatch)]
    public void A_batch_of_one_caption_over_different_images_has_no_negatives_and_no_gradient(LossKind lossKind, NegativeKind kind)
    {
        using var scope = NewDisposeScope();
        var batch = LossFixture.Distinct().ToBatch(requiresGrad: true) with { SentenceKeys = [7, 7, 7, 7] };

        var loss = RankingLoss.Compute(batch, Losses[(int)lossKind], new NegativeSampling(kind, 0, Direction.Both));
        loss.backward();

        Assert.Equal(0f, loss.item<float>(), 1e-6f);
        Assert.Equal(0f, batch.Images.grad!.abs().sum().item<float>(), 1e-6f);
        Assert.Equal(0f, batch.Texts.grad!.abs().sum().item<float>(), 1e-6f);
    }

    [Fact]
    public void Sentence_keys_without_the_extras_keys_are_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var batch = LossFixture.Identical().ToBatch() with { ExtraTextSentenceKeys = null };
        var random = new NegativeSampling(NegativeKind.Random, 3, Direction.Both);

        Assert.Contains("ExtraTextSentenceKeys", Assert.Throws<ArgumentException>(() => RankingLoss.Compute(batch, Losses[0], random)).Message);
        Assert.Contains("3 sentence keys", Assert.Throws<ArgumentException>(() =>
            RankingLoss.Compute(batch with { SentenceKeys = [1, 2, 3] }, Losses[0], new NegativeSampling(NegativeKind.InBatch, 0, Direction.Both))).Message);
    }

    [Fact]
    public void The_fixtures_exercise_both_semi_hard_branches()
    {
        // Semi-hard picks a negative below the positive, or falls back to the hardest: both must occur, or the
        // combination tests above would not tell a wrong fallback from a right one.
        int fallbacks = 0, total = 0;
        foreach (var f in new[] { LossFixture.Distinct(), LossFixture.Duplicates() })
        {
            NaiveRankingLoss.Term(f.Images, f.Texts, f.ImageIds, f.Texts, f.ImageIds, Losses[0], NegativeKind.SemiHard, out int a);
            NaiveRankingLoss.Term(f.Texts, f.Images, f.ImageIds, f.Images, f.ImageIds, Losses[0], NegativeKind.SemiHard, out int s);
            fallbacks += a + s;
            total += 2 * f.ImageIds.Length;
        }

        Assert.InRange(fallbacks, 1, total - 1);
    }

    [Theory]
    [InlineData(LossKind.Sum, NegativeKind.InBatch)]
    [InlineData(LossKind.Sum, NegativeKind.SemiHard)]
    [InlineData(LossKind.Hardest, NegativeKind.InBatch)]
    [InlineData(LossKind.Hardest, NegativeKind.Hardest)]
    [InlineData(LossKind.Hardest, NegativeKind.Random)]
    [InlineData(LossKind.InfoNce, NegativeKind.InBatch)]
    [InlineData(LossKind.InfoNce, NegativeKind.Random)]
    [InlineData(LossKind.InfoNce, NegativeKind.Global)]
    public void Gradients_reach_every_input_and_are_finite(LossKind lossKind, NegativeKind kind)
    {
        using var scope = NewDisposeScope();
        var batch = LossFixture.Distinct().ToBatch(requiresGrad: true);
        var negatives = new NegativeSampling(kind, kind == NegativeKind.Random ? 3 : 0, Direction.Both);

        RankingLoss.Compute(batch, Losses[(int)lossKind], negatives).backward();

        var inputs = kind == NegativeKind.Random
            ? new[] { batch.Images, batch.Texts, batch.ExtraImages!, batch.ExtraTexts! }
            : new[] { batch.Images, batch.Texts };
        foreach (var input in inputs)
        {
            var grad = input.grad!;
            Assert.True(grad.isfinite().all().item<bool>());
            Assert.True(grad.abs().sum().item<float>() > 0);
        }
    }

    [Theory]
    [InlineData(Direction.Search)]
    [InlineData(Direction.Annotate)]
    public void A_specialised_run_with_counter_weight_one_and_in_batch_negatives_is_the_both_directions_loss(Direction direction)
    {
        var f = LossFixture.Distinct();
        var loss = Losses[(int)LossKind.InfoNce];
        using var scope = NewDisposeScope();

        double both = RankingLoss.Compute(f.ToBatch(), loss, new NegativeSampling(NegativeKind.InBatch, 0, Direction.Both)).item<float>();
        double specialised = RankingLoss.Compute(f.ToBatch(), loss, new NegativeSampling(NegativeKind.InBatch, 0, direction) { CounterWeight = 1 }).item<float>();
        double alone = RankingLoss.Compute(f.ToBatch(), loss, new NegativeSampling(NegativeKind.InBatch, 0, direction)).item<float>();

        Assert.Equal(both, specialised, 1e-6);
        Assert.True(alone < both, "without the counter term only one direction's loss remains");
    }

    [Fact]
    public void InfoNce_over_the_batch_is_cross_entropy_over_the_score_matrix()
    {
        using var scope = NewDisposeScope();
        var f = LossFixture.Distinct();
        var batch = f.ToBatch();
        float temperature = 0.07f;

        var logits = batch.Images.matmul(batch.Texts.t()).div(temperature);            // [B, B] image rows
        var labels = arange(f.ImageIds.Length, dtype: ScalarType.Int64);               // pair i is the right answer for row i
        var expected = nn.functional.cross_entropy(logits, labels) + nn.functional.cross_entropy(logits.t(), labels);

        var actual = RankingLoss.Compute(batch, new LossOptions(LossKind.InfoNce, Temperature: temperature), new NegativeSampling(NegativeKind.InBatch, 0, Direction.Both));

        Assert.Equal(expected.item<float>(), actual.item<float>(), 1e-5f);
    }

    [Theory]
    [InlineData(LossKind.Sum, NegativeKind.InBatch)]
    [InlineData(LossKind.Hardest, NegativeKind.Hardest)]
    [InlineData(LossKind.Hardest, NegativeKind.SemiHard)]
    [InlineData(LossKind.InfoNce, NegativeKind.InBatch)]
    public void A_batch_of_one_image_has_no_negatives_and_no_loss(LossKind lossKind, NegativeKind kind)
    {
        using var scope = NewDisposeScope();
        var f = LossFixture.Distinct();
        var batch = new RankingBatch(LossFixture.ToTensor(f.Images), LossFixture.ToTensor(f.Texts), [5, 5, 5, 5]);

        var loss = RankingLoss.Compute(batch, Losses[(int)lossKind], new NegativeSampling(kind, 0, Direction.Both));

        Assert.Equal(0f, loss.item<float>(), 1e-6f);
    }

    [Fact]
    public void Result_outlives_the_loss_scope_and_nothing_else_leaks()
    {
        var f = LossFixture.Distinct();
        using var outer = NewDisposeScope();
        var batch = f.ToBatch();
        var negatives = new NegativeSampling(NegativeKind.SemiHard, 0, Direction.Both);
        RankingLoss.Compute(batch, Losses[0], negatives).Dispose(); // warm-up

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 5; i++)
        {
            using var step = NewDisposeScope();
            var loss = RankingLoss.Compute(batch, Losses[0], negatives);
            Assert.False(loss.IsInvalid);
        }

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Random_negatives_without_extras_are_a_clear_error()
    {
        using var scope = NewDisposeScope();
        var f = LossFixture.Distinct();
        var batch = f.ToBatch() with { ExtraTexts = null };

        var error = Assert.Throws<ArgumentException>(() =>
            RankingLoss.Compute(batch, Losses[0], new NegativeSampling(NegativeKind.Random, 3, Direction.Annotate)));

        Assert.Contains("ExtraTexts", error.Message);
        // The search direction does not need the extra sentences.
        RankingLoss.Compute(batch, Losses[0], new NegativeSampling(NegativeKind.Random, 3, Direction.Search));
    }

    [Fact]
    public void Mismatched_shapes_are_clear_errors()
    {
        using var scope = NewDisposeScope();
        var f = LossFixture.Distinct();
        var inBatch = new NegativeSampling(NegativeKind.InBatch, 0, Direction.Both);

        Assert.Contains("3 image ids", Assert.Throws<ArgumentException>(() =>
            RankingLoss.Compute(f.ToBatch() with { ImageIds = [1, 2, 3] }, Losses[0], inBatch)).Message);
        Assert.Contains("[B, D]", Assert.Throws<ArgumentException>(() =>
            RankingLoss.Compute(f.ToBatch() with { Texts = zeros(4, 5) }, Losses[0], inBatch)).Message);
    }
}
