using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Itm.Server.Contracts;
using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// <c>minPrecision</c> on <c>GET /api/search</c>: a calibrated model's results carry their probability and are cut at
/// the precision; out of range is 400, and a model without a calibration is 409 saying how to fit one.
/// </summary>
[Collection("Sequential")]
public sealed class CalibratedSearchApiTests : IClassFixture<CalibratedIndex>, IDisposable
{
    private readonly ServedIndex served;
    private readonly CalibratedIndex calibrated;
    private readonly ItmServerFactory factory;

    public CalibratedSearchApiTests(ServedIndex served, CalibratedIndex calibrated)
    {
        this.served = served;
        this.calibrated = calibrated;
        factory = new ItmServerFactory(calibrated.Options);
    }

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Results_carry_their_probability_and_a_minimum_precision_cuts_them()
    {
        var client = factory.CreateClient();

        var all = await client.GetFromJsonAsync<ImagesResponse>($"/api/search?q={CalibratedIndex.Query}&k=10");
        var cut = await client.GetFromJsonAsync<ImagesResponse>($"/api/search?q={CalibratedIndex.Query}&k=10&minPrecision=0.5");
        var none = await client.GetFromJsonAsync<ImagesResponse>($"/api/search?q={CalibratedIndex.Query}&k=10&minPrecision=0.8");

        Assert.Equal(10, all!.Results.Count);
        Assert.All(all.Results, r => Assert.NotNull(r.Probability));
        Assert.Equal(0.6, all.Results[CalibratedIndex.Likely - 1].Probability!.Value, 9);
        Assert.Equal(0.1, all.Results[CalibratedIndex.Likely].Probability!.Value, 9);
        Assert.Equal(calibrated.Ranking.Take(CalibratedIndex.Likely).Select(m => m.Id), cut!.Results.Select(r => r.Id));
        Assert.Empty(none!.Results);

        // The query-level figure: 1 − Π(1 − p) over the ten ranked, the same whether or not the cut leaves any.
        double expected = 1 - all.Results.Aggregate(1.0, (left, r) => left * (1 - r.Probability!.Value));
        Assert.Equal(1 - (Math.Pow(0.4, CalibratedIndex.Likely) * Math.Pow(0.9, 10 - CalibratedIndex.Likely)), expected, 9);
        Assert.Equal(expected, all.AnyMatchProbability!.Value, 9);
        Assert.Equal(expected, cut.AnyMatchProbability!.Value, 9);
        Assert.Equal(expected, none.AnyMatchProbability!.Value, 9);
        Assert.Equal(10, all.AnyMatchAmong);

        // Over the best ten whatever k is: more results at 10% each would push it towards 1 for a query with no match.
        var wide = await client.GetFromJsonAsync<ImagesResponse>($"/api/search?q={CalibratedIndex.Query}&k=30");
        Assert.True(wide!.Results.Count > 10, $"{wide.Results.Count} results");
        Assert.Equal(expected, wide.AnyMatchProbability!.Value, 9);
        Assert.Equal(10, wide.AnyMatchAmong);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.5")]
    [InlineData("80")]
    [InlineData("high")]
    public async Task A_minimum_precision_outside_0_to_1_is_refused(string value)
    {
        var response = await factory.CreateClient().GetAsync($"/api/search?q=red&minPrecision={value}");

        string detail = await Problem.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("minPrecision", detail);
    }

    [Fact]
    public async Task An_uncalibrated_model_has_no_probabilities_and_refuses_a_minimum_precision_with_409()
    {
        var client = served.Client();

        using var plain = JsonDocument.Parse(await client.GetStringAsync("/api/search?q=red&k=3"));
        var response = await client.GetAsync("/api/search?q=red&minPrecision=0.8");

        Assert.All(plain.RootElement.GetProperty("results").EnumerateArray(), r => Assert.False(r.TryGetProperty("probability", out _)));
        string detail = await Problem.AssertAsync(response, HttpStatusCode.Conflict, "minPrecision");
        Assert.Contains(served.Folder.ModelDir, detail);
        Assert.Contains("itm calibrate", detail);
    }
}
