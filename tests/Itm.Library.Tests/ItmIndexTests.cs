using Itm.Data.Ranking;
using Itm.Index;
using Itm.Library.Tests.Fixtures;
using Itm.Search.Duplicates;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Library.Tests;

/// <summary>
/// <see cref="ItmIndex"/> answers exactly what <see cref="QueryService"/> answers for the same query (what <c>itm
/// search</c>, <c>annotate</c> and <c>similar</c> print), builds incrementally as <c>itm index</c> does, and fails with
/// the CLI's errors.
/// </summary>
[Collection("Sequential")]
public sealed class ItmIndexTests : IClassFixture<LibraryFolder>
{
    private readonly LibraryFolder folder;

    public ItmIndexTests(LibraryFolder folder)
    {
        this.folder = folder;
    }

    private ItmIndex Open() => ItmIndex.Open(folder.Db, Options());

    private QueryOptions Options() => new() { CacheDir = folder.Cache };

    [Theory]
    [InlineData("a red square")]
    [InlineData("a red square -circle +2:\"blue square\"")]
    public void Search_answers_what_the_query_service_answers_for_the_query_as_the_cli_parses_it(string query)
    {
        using var service = QueryService.Open(folder.Db, Options());
        var expected = service.Search(QueryExpression.Parse(query), 6);
        using var index = Open();

        var results = index.Search(query, k: 6);

        Assert.Equal(expected.Select(m => (m.Rank, m.Id, m.Path, m.RelativePath, m.Score)),
            results.Select(r => (r.Rank, r.Id, r.Path, r.RelativePath, r.Score)));
        Assert.All(results, r => Assert.Null(r.Probability));
        AssertClose(service.Embed(QueryExpression.Parse(query)), index.EmbedQuery(query));
    }

    [Fact]
    public void A_search_with_an_image_answers_what_the_query_service_answers_and_leaves_the_image_out()
    {
        var image = ImageReference.File(folder.Image(TinyImages.Original));
        using var service = QueryService.Open(folder.Db, Options());
        var expected = service.Search(QueryExpression.Parse("a circle", image, -0.5), 5);
        using var index = Open();

        var results = index.Search("a circle", image, imageWeight: -0.5, k: 5);

        Assert.Equal(expected.Select(m => (m.Id, m.Score)), results.Select(r => (r.Id, r.Score)));
        Assert.DoesNotContain(results, r => r.Path == image.Path);
    }

    [Fact]
    public void Duplicates_answer_what_the_query_service_answers_without_loading_the_model()
    {
        var options = new DuplicateOptions { Threshold = 0.999f };
        using var service = QueryService.Open(folder.Db, Options());
        var expected = service.Duplicates(options);
        using var index = Open();

        var report = index.Duplicates(options);

        Assert.Equal(expected.Groups.SelectMany(g => g.Images), report.Groups.SelectMany(g => g.Images));
        Assert.Contains(report.Groups, g => g.Images.Any(i => i.RelativePath == TinyImages.Copy) && g.Images.Any(i => i.RelativePath == TinyImages.Original));
        Assert.False(service.ModelLoaded);
    }

    [Fact]
    public void Annotate_and_similar_answer_what_the_query_service_answers()
    {
        string path = folder.Image("shapes/yellow-circle.png");
        using var service = QueryService.Open(folder.Db, Options());
        var captions = service.Annotate(ImageReference.File(path), 4);
        var similar = service.Similar(ImageReference.File(path), 5);
        using var index = Open();

        var annotated = index.Annotate(path, k: 4);
        var nearest = index.Similar(path, k: 5);
        var byId = index.Similar(ImageReference.Indexed(nearest[0].Id), k: 3);
        using var upload = File.OpenRead(path);
        var uploaded = index.Annotate(upload, k: 4, name: "yellow.png");

        Assert.Equal(captions.Select(c => (c.Rank, c.Id, c.Text, c.Score)), annotated.Select(c => (c.Rank, c.Id, c.Text, c.Score)));
        Assert.Equal(similar.Select(m => (m.Id, m.Score)), nearest.Select(r => (r.Id, r.Score)));
        Assert.DoesNotContain(nearest, r => r.Path == path);
        Assert.DoesNotContain(byId, r => r.Id == nearest[0].Id);
        // An upload is embedded from its bytes; the indexed file's stored vector was computed the same way.
        Assert.Equal(annotated.Select(c => c.Id), uploaded.Select(c => c.Id));
        Assert.All(annotated.Zip(uploaded), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-4f));
    }

    [Fact]
    public void Build_embeds_every_readable_image_names_the_unreadable_one_and_a_rerun_embeds_nothing()
    {
        var first = folder.Report;
        var again = ItmIndex.Build(folder.ModelDir, folder.Images, folder.Db, folder.BuildOptions());

        Assert.Equal(folder.ReadableImages.Count, first.Embedded);
        Assert.EndsWith(TinyImages.Broken, Assert.Single(first.Unreadable).Path);
        Assert.Equal(8, first.Captions);
        Assert.Equal(0, again.Embedded);
        Assert.Equal(folder.ReadableImages.Count + 1, again.Unchanged);
    }

    [Fact]
    public void A_build_asked_to_centre_on_the_collection_says_so_and_searches_as_the_query_service_does()
    {
        string db = Path.Combine(folder.Root, "centred-db");
        ItmIndex.Build(folder.ModelDir, folder.Images, db, folder.BuildOptions() with { Centring = ImageCentring.Collection });
        using var index = ItmIndex.Open(db, Options());
        using var service = QueryService.Open(db, Options());

        Assert.Equal(ImageCentring.Collection, index.Stats().ImageCentring);
        Assert.Equal(service.Search("a red square", 4).Select(m => (m.Id, m.Score)), index.Search("a red square", k: 4).Select(m => (m.Id, m.Score)));
    }

    [Fact]
    public void The_index_describes_itself_and_finds_its_images_by_id()
    {
        using var index = Open();

        var stats = index.Stats();
        var hit = index.Search("a blue square", k: 1)[0];
        var found = index.FindImage(hit.Id);

        Assert.Equal(folder.ReadableImages.Count, index.Count);
        Assert.Equal(8, index.CaptionCount);
        Assert.Equal(16, index.Dimension);
        Assert.False(index.IsCalibrated);
        Assert.Equal(Path.GetFullPath(folder.ModelDir), index.ModelDir);
        Assert.Equal(Path.GetFullPath(folder.Images), index.ImagesDir);
        Assert.Equal(Path.GetFullPath(folder.Db), index.Folder);
        Assert.Equal(("bow", "convnet", 16), (stats.TextModel, stats.ImageModel, stats.Dimension));
        Assert.Equal(ImageCentring.None, stats.ImageCentring);   // a trained model's index
        Assert.Equal(hit.Path, found?.Path);
        Assert.Null(index.FindImage(-1));
    }

    [Fact]
    public void Explain_scores_the_match_as_the_model_does_and_draws_a_png()
    {
        string path = folder.Image("shapes/red-square.png");
        using var model = ItmModel.Load(folder.ModelDir, new ItmModelOptions { CacheDir = folder.Cache });
        using var index = Open();

        var explanation = index.Explain(path, "a red square", new ExplainOptions { Grid = 2 });
        byte[] png = ItmIndex.RenderOverlayPng(explanation, width: 64);

        Assert.Equal(model.Score("a red square", path), explanation.Score, 1e-4f);
        Assert.Equal(["a", "red", "square"], explanation.Words.Select(w => w.Word));
        Assert.Equal((2, 2), (explanation.Heatmap.Rows, explanation.Heatmap.Cols));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void Missing_folders_and_bad_queries_fail_with_the_clis_errors()
    {
        string noImages = Path.Combine(folder.Root, "no-images-here");
        string noIndex = Path.Combine(folder.Root, "no-index-here");
        using var index = Open();

        var images = Assert.Throws<DirectoryNotFoundException>(() => ItmIndex.Build(folder.ModelDir, noImages, Path.Combine(folder.Root, "db2")));
        var db = Assert.Throws<IndexFolderException>(() => ItmIndex.Open(noIndex));
        var query = Assert.Throws<QueryExpressionException>(() => index.Search("a red square +"));
        var precision = Assert.Throws<CalibrationMissingException>(() => index.Search("a red square", minPrecision: 0.8));
        var file = Assert.Throws<FileNotFoundException>(() => index.Annotate(folder.Image("shapes/absent.png")));

        Assert.Contains(noImages, images.Message);
        Assert.Contains(noIndex, db.Message);
        Assert.Equal("+", query.Token);
        Assert.Contains(folder.ModelDir, precision.Message);
        Assert.Contains("absent.png", file.Message);
        Assert.False(Directory.Exists(Path.Combine(folder.Root, "db2")));
    }

    [Fact]
    public void Export_writes_the_vectors_and_the_models_onnx_encoders()
    {
        string output = Path.Combine(folder.Root, "export");
        using var index = Open();

        var report = index.Export(output);

        Assert.Equal(index.Count, report.Embeddings!.Images);
        Assert.Equal(index.CaptionCount, report.Embeddings.Captions);
        Assert.All(report.Embeddings.Files, file => Assert.True(File.Exists(Path.Combine(output, file)), file));
        Assert.Equal(index.Dimension, report.Onnx!.Dim);
        Assert.True(File.Exists(Path.Combine(output, "onnx", report.Onnx.Text.File)));
        Assert.True(File.Exists(Path.Combine(output, "onnx", report.Onnx.Image.File)));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, 1e-6f));
    }
}
