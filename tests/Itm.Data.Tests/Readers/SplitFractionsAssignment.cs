using Itm.Data.Readers;

namespace Itm.Data.Tests.Readers;

public sealed class SplitFractionsAssignment
{
    [Fact]
    public void The_same_key_always_gets_the_same_split()
    {
        var fractions = SplitFractions.Default;

        Assert.All(Enumerable.Range(0, 50).Select(i => $"img/{i}.jpg"), key => Assert.Equal(fractions.Assign(key), fractions.Assign(key)));
    }

    [Fact]
    public void Splits_follow_the_fractions_roughly()
    {
        var counts = Enumerable.Range(0, 10_000)
            .GroupBy(i => SplitFractions.Default.Assign($"photos/{i:D5}.jpg"))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(counts[Split.Train], 7700, 8300);
        Assert.InRange(counts[Split.Val], 850, 1150);
        Assert.InRange(counts[Split.Test], 850, 1150);
    }

    [Theory]
    [InlineData(0.8, 0.1, 0.2)]
    [InlineData(1.1, -0.1, 0.0)]
    [InlineData(double.NaN, 0.5, 0.5)]
    public void Fractions_that_do_not_add_up_to_one_are_refused(double train, double val, double test)
    {
        Assert.Throws<ArgumentException>(() => new DatasetReadOptions { SplitFractions = new(train, val, test) }.Validate());
    }
}
