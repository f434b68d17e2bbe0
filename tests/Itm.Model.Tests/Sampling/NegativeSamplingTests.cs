using Itm.Model.Losses;
using Itm.Model.Sampling;

namespace Itm.Model.Tests.Sampling;

/// <summary>The <c>--negatives</c> spec and the option records' validation.</summary>
public sealed class NegativeSamplingTests
{
    [Theory]
    [InlineData("inbatch", NegativeKind.InBatch, 0)]
    [InlineData("hardest", NegativeKind.Hardest, 0)]
    [InlineData("semihard", NegativeKind.SemiHard, 0)]
    [InlineData("global", NegativeKind.Global, 0)]
    [InlineData("random:3", NegativeKind.Random, 3)]
    [InlineData("random:128", NegativeKind.Random, 128)]
    public void Spec_round_trips(string spec, NegativeKind kind, int count)
    {
        var parsed = NegativeSampling.Parse(spec, Direction.Search);

        Assert.Equal(new NegativeSampling(kind, count, Direction.Search), parsed);
        Assert.Equal(spec, parsed.ToString());
        Assert.Equal(parsed, NegativeSampling.Parse(parsed.ToString(), Direction.Search));
    }

    [Fact]
    public void Spec_is_case_insensitive_and_printed_canonically() =>
        Assert.Equal("random:5", NegativeSampling.Parse(" Random:5 ", Direction.Both).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("hard")]
    [InlineData("random")]
    [InlineData("random:")]
    [InlineData("random:0")]
    [InlineData("random:-2")]
    [InlineData("random:x")]
    [InlineData("random:+3")]
    [InlineData("inbatch:4")]
    [InlineData("global:4")]
    public void Bad_spec_names_the_value_and_the_accepted_forms(string spec)
    {
        var error = Assert.Throws<FormatException>(() => NegativeSampling.Parse(spec, Direction.Both));

        Assert.Contains($"'{spec}'", error.Message);
        Assert.Contains(NegativeSampling.AcceptedForms, error.Message);
        Assert.Contains("global", error.Message);
    }

    [Fact]
    public void Random_count_belongs_to_random_only()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NegativeSampling(NegativeKind.Random, 0, Direction.Both));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NegativeSampling(NegativeKind.Hardest, 4, Direction.Both));
    }

    [Fact]
    public void Direction_decides_which_terms_train()
    {
        Assert.True(new NegativeSampling(NegativeKind.InBatch, 0, Direction.Both) is { TrainsAnnotation: true, TrainsSearch: true });
        Assert.True(new NegativeSampling(NegativeKind.InBatch, 0, Direction.Search) is { TrainsAnnotation: false, TrainsSearch: true });
        Assert.True(new NegativeSampling(NegativeKind.InBatch, 0, Direction.Annotate) is { TrainsAnnotation: true, TrainsSearch: false });
    }

    [Fact]
    public void Counter_weight_must_be_a_finite_non_negative_number()
    {
        var sampling = new NegativeSampling(NegativeKind.InBatch, 0, Direction.Search);
        Assert.Equal(0.5f, (sampling with { CounterWeight = 0.5f }).CounterWeight);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampling with { CounterWeight = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => sampling with { CounterWeight = float.NaN });
    }

    [Fact]
    public void Loss_options_reject_meaningless_values()
    {
        Assert.Equal(0.2f, new LossOptions(LossKind.Sum).Margin);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions(LossKind.Sum, Margin: -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions(LossKind.InfoNce, Temperature: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions(LossKind.InfoNce, Temperature: float.NaN));
    }
}
