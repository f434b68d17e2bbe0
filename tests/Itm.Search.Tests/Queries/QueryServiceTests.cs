using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// Search, annotate and similar on a tiny indexed folder return exactly what scoring every candidate with the model
/// itself returns; indexed images are answered from their stored vectors without loading the model.
/// </summary>
[Collection("Sequential")]
public sealed class QueryServiceTests : IClassFixture<IndexedFolder>
{
    private const float Tolerance = 1e-4f;
    private readonly IndexedFolder folder;

    public QueryServiceTests(IndexedFolder folder)
    {
        this.folder = folder;
    }

    private QueryService Open() => QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache });

    [Fact]
    public void Indexing_embeds_every_readable_image_and_names_the_unreadable_one()
    {
        var report = folder.Report;
        Assert.Equal(folder.ReadableImages.Count, report.Embedded);
        var skipped = Assert.Single(report.Unreadable);
        Assert.EndsWith(TinyImages.Broken, skipped.Path);
        Assert.Equal(8, report.Captions);
    }

    [Fact]
    public void A_rerun_on_the_unchanged_folder_embeds_nothing()
    {
        var again = IndexJob.Run(folder.Options());
        Assert.Equal(0, again.Embedded);
        Assert.Equal(folder.ReadableImages.Count + 1, again.Unchanged);
        Assert.Single(again.StillUnreadable);
    }

    [Fact]
    public void A_model_without_a_calibration_gives_no_probabilities_and_refuses_a_minimum_precision()
    {
        using var service = Open();

        var error = Assert.Throws<CalibrationMissingException>(() => service.Search(QueryExpression.Parse("a red square"), 3, minPrecision: 0.8));

        // Refused before the query is embedded, with the model folder named and the command that fixes it.
        Assert.False(service.ModelLoaded);
        Assert.Contains(folder.ModelDir, error.Message);
        Assert.Contains("itm calibrate", error.Message);
        Assert.Null(service.Calibration);
        Assert.All(service.Search("a red square", 3), r => Assert.Null(r.Probability));
    }

    [Fact]
    public void Search_ranks_images_as_the_model_scores_them()
    {
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        var expected = oracle.Rank(oracle.Sentence("a red square"),
            folder.ReadableImages.Select(p => (p, oracle.Image(Path.Combine(folder.Images, p)))));
        using var service = Open();

        var matches = service.Search("a red square", 5);

        Assert.Equal([1, 2, 3, 4, 5], matches.Select(m => m.Rank));
        Assert.All(matches.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, Tolerance));
        var scoreOf = expected.ToDictionary(e => e.Item, e => e.Score);
        Assert.All(matches, m => Assert.Equal(scoreOf[m.RelativePath], m.Score, Tolerance));
        Assert.All(matches, m => Assert.Equal(Path.Combine(folder.Images, m.RelativePath), m.Path));
    }

    [Fact]
    public void Annotate_ranks_the_caption_corpus_as_the_model_scores_it()
    {
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        string image = Path.Combine(folder.Images, "shapes/green-circle.png");
        var captions = File.ReadAllLines(folder.Captions);
        var expected = oracle.Rank(oracle.Image(image), captions.Select(c => (c, oracle.Sentence(c))));
        using var service = Open();

        var matches = service.Annotate(ImageReference.File(image), 3);

        Assert.Equal(3, matches.Count);
        Assert.All(matches.Zip(expected), pair => Assert.Equal(pair.Second.Score, pair.First.Score, Tolerance));
        var scoreOf = expected.ToDictionary(e => e.Item, e => e.Score);
        Assert.All(matches, m => Assert.Equal(scoreOf[m.Text], m.Score, Tolerance));
        Assert.False(service.ModelLoaded, "an indexed image's stored vector should have been used");
    }

    [Fact]
    public void Similar_to_an_indexed_image_puts_its_copy_first_and_leaves_the_image_out()
    {
        using var service = Open();

        var matches = service.Similar(ImageReference.File(Path.Combine(folder.Images, TinyImages.Original)), 4);

        Assert.Equal(TinyImages.Copy, matches[0].RelativePath);
        Assert.Equal(1f, matches[0].Score, Tolerance);
        Assert.DoesNotContain(matches, m => m.RelativePath == TinyImages.Original);
        Assert.False(service.ModelLoaded);

        var byId = service.Similar(ImageReference.Indexed(matches[0].Id), 4);
        Assert.Equal(TinyImages.Original, byId[0].RelativePath);
    }

    [Fact]
    public void An_image_outside_the_index_is_embedded_with_the_model()
    {
        string outside = Path.Combine(folder.Root, "outside.png");
        File.Copy(Path.Combine(folder.Images, "shapes/blue-square.png"), outside, overwrite: true);
        using var service = Open();

        var matches = service.Similar(ImageReference.Parse(outside), 1);

        Assert.Equal("shapes/blue-square.png", matches[0].RelativePath);
        Assert.Equal(1f, matches[0].Score, Tolerance);
        Assert.True(service.ModelLoaded);
    }

    [Fact]
    public void Asking_about_a_missing_file_or_id_names_it()
    {
        using var service = Open();
        var missing = Assert.Throws<FileNotFoundException>(() => service.Similar(ImageReference.Parse(Path.Combine(folder.Root, "nope.png")), 3));
        Assert.Contains("nope.png", missing.Message);
        var noId = Assert.Throws<Index.IndexFolderException>(() => service.Similar(ImageReference.Parse("987654"), 3));
        Assert.Contains("987654", noId.Message);
    }
}
