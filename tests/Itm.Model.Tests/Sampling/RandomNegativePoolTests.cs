using Itm.Model.Sampling;

namespace Itm.Model.Tests.Sampling;

/// <summary>Random negatives drawn from the whole training set.</summary>
public sealed class RandomNegativePoolTests
{
    // 10 images with 1 to 4 sentences each (1, 2, 3, 4, 1, 2, 3, 4, 1, 2): 23 items.
    private static readonly long[] SentenceImages = [.. Enumerable.Range(0, 10).SelectMany(i => Enumerable.Repeat((long)i, 1 + (i % 4)))];

    [Fact]
    public void Same_seed_draws_the_same_items()
    {
        var pool = new RandomNegativePool(SentenceImages);
        var exclude = new HashSet<long> { 1, 2 };

        int[] first = pool.Draw(new Random(42), 6, exclude);
        int[] second = pool.Draw(new Random(42), 6, exclude);

        Assert.Equal(first, second);
        Assert.NotEqual(first, pool.Draw(new Random(43), 6, exclude));
    }

    [Theory]
    [InlineData(3)]  // few: rejection sampling
    [InlineData(12)] // most of what is eligible: partial shuffle
    [InlineData(17)] // all of it
    public void Draws_are_distinct_and_avoid_excluded_images(int k)
    {
        var pool = new RandomNegativePool(SentenceImages);
        var exclude = new HashSet<long> { 3, 5 }; // 4 + 2 = 6 items excluded, 17 eligible

        for (int seed = 0; seed < 20; seed++)
        {
            int[] drawn = pool.Draw(new Random(seed), k, exclude);

            Assert.Equal(k, drawn.Length);
            Assert.Equal(k, drawn.Distinct().Count());
            Assert.All(drawn, item => Assert.DoesNotContain(SentenceImages[item], exclude));
        }
    }

    [Fact]
    public void Every_eligible_item_can_be_drawn()
    {
        var pool = new RandomNegativePool(SentenceImages);
        var exclude = new HashSet<long> { 0 };
        var rng = new Random(1);
        var seen = new HashSet<int>();

        for (int i = 0; i < 200; i++)
            seen.UnionWith(pool.Draw(rng, 2, exclude));

        Assert.Equal(Enumerable.Range(1, 22), seen.Order()); // item 0 is image 0's only sentence
    }

    [Fact]
    public void Too_small_a_pool_is_a_clear_error()
    {
        var pool = new RandomNegativePool(SentenceImages);

        var error = Assert.Throws<InvalidOperationException>(() => pool.Draw(new Random(0), 18, new HashSet<long> { 3, 5 }));

        Assert.Contains("only 17 of 23", error.Message);
        Assert.Empty(pool.Draw(new Random(0), 0, new HashSet<long>()));
    }
}
