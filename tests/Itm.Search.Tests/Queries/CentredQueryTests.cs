using System.Numerics.Tensors;
using Itm.Data.Ranking;
using Itm.Index.Storage;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>The tiny folder indexed with its image vectors centred on the collection (<c>itm index --centre collection</c>).</summary>
public sealed class CentredIndexedFolder : IndexedFolder
{
    public CentredIndexedFolder()
        : base("itm-centred-tests-", seed: 3, options => IndexJob.Run(options with { Centring = ImageCentring.Collection }))
    {
    }
}

/// <summary>
/// Over a centred index, every image vector a query meets is centred on the index's one centre: the stored ones, an
/// image from outside the index, and the pixels an explanation edits, so their scores agree with each other.
/// </summary>
[Collection("Sequential")]
public sealed class CentredQueryTests : IClassFixture<CentredIndexedFolder>
{
    private const float Tolerance = 1e-4f;
    private readonly CentredIndexedFolder folder;

    public CentredQueryTests(CentredIndexedFolder folder)
    {
        this.folder = folder;
    }

    [Fact]
    public void Search_scores_each_image_against_its_vector_centred_on_the_collections_mean()
    {
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        var raw = folder.ReadableImages.Select(p => (Path: p, Vector: oracle.Image(folder.Image(p)))).ToList();
        var centre = Centre();
        var expectedCentre = CollectionCentre.Estimate(raw.SelectMany(r => r.Vector).ToArray(), oracle.Dim, [1.0]);
        Assert.All(Enumerable.Range(0, oracle.Dim), d => Assert.Equal(expectedCentre.Mean[d], centre.Mean[d], Tolerance));
        var expected = oracle.Rank(oracle.Sentence("a red square"), raw.Select(r => (r.Path, centre.Centred(r.Vector))));
        using var service = Open();

        var matches = service.Search("a red square", 5);

        Assert.All(matches.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, Tolerance));
        Assert.Equal(expected.Take(5).Select(e => e.Item), matches.Select(m => m.RelativePath));
    }

    [Fact]
    public void An_image_from_outside_the_index_is_centred_as_the_stored_ones_are()
    {
        string outside = Path.Combine(folder.Root, "outside.png");
        File.Copy(folder.Image("shapes/blue-square.png"), outside, overwrite: true);
        using var service = Open();

        var matches = service.Similar(ImageReference.Parse(outside), 1);

        Assert.Equal("shapes/blue-square.png", matches[0].RelativePath);
        Assert.Equal(1f, matches[0].Score, Tolerance);
    }

    [Fact]
    public void Explanations_score_the_centred_vector_as_search_does()
    {
        using var service = Open();
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        var found = service.Search("a green circle", 1)[0];

        var occlusion = service.Explain(ImageReference.Indexed(found.Id), "a green circle");
        var gradCam = service.Explain(ImageReference.Indexed(found.Id), "a green circle", new ExplainOptions { Method = ExplainMethod.GradCam });

        Assert.Equal(found.Score, occlusion.Score, Tolerance);
        Assert.Equal(found.Score, gradCam.Score, Tolerance);
        var expected = oracle.GradCam(found.Path, oracle.Sentence("a green circle"), layer: null, Centre());
        Assert.Equal(found.Score, expected.Score, Tolerance);
        Assert.Equal(expected.Values, gradCam.Heatmap.Values, (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.NotEqual(
            TensorPrimitives.Dot(oracle.Sentence("a green circle"), oracle.Image(found.Path)), found.Score, (a, b) => Math.Abs(a - b) < Tolerance);
    }

    private QueryService Open() => QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache });

    private CollectionCentre Centre()
    {
        using var reader = IndexReader.Open(folder.Db);
        return reader.State.ImageCentre ?? throw new InvalidOperationException("The index has no centre.");
    }
}
