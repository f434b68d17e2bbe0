using Itm.Index;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Search.Tests.Queries;

/// <summary>An index is tied to the model that built it: another model, or the same folder retrained, is a clear error.</summary>
[Collection("Sequential")]
public sealed class ModelMismatchTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-mismatch-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private IndexJobOptions Options(string model, bool reembed = false) => new()
    {
        ModelDir = model,
        ImagesDir = Path.Combine(root, "images"),
        IndexDir = Path.Combine(root, "db"),
        CacheDir = Path.Combine(root, "cache"),
        Reembed = reembed,
    };

    [Fact]
    public void Indexing_with_another_model_asks_for_reembed_and_reembed_rebuilds()
    {
        TinyImages.Write(Path.Combine(root, "images"));
        string first = TinyModel.Save(Path.Combine(root, "first"), seed: 1);
        string second = TinyModel.Save(Path.Combine(root, "second"), seed: 2);
        IndexJob.Run(Options(first));

        var error = Assert.Throws<IndexFolderException>(() => IndexJob.Run(Options(second)));
        Assert.Equal(IndexProblem.ModelMismatch, error.Problem);
        Assert.Contains("--reembed", error.Message);

        var rebuilt = IndexJob.Run(Options(second, reembed: true));
        Assert.Equal(13, rebuilt.Embedded);
        using var service = QueryService.Open(Path.Combine(root, "db"), new QueryOptions { CacheDir = Path.Combine(root, "cache") });
        Assert.Equal(Path.GetFullPath(second), service.Identity.ModelDir);
    }

    [Fact]
    public void Querying_after_the_model_folder_was_retrained_in_place_asks_for_reembed()
    {
        TinyImages.Write(Path.Combine(root, "images"));
        string model = TinyModel.Save(Path.Combine(root, "model"), seed: 1);
        IndexJob.Run(Options(model));
        TinyModel.Save(model, seed: 5);
        using var service = QueryService.Open(Path.Combine(root, "db"), new QueryOptions { CacheDir = Path.Combine(root, "cache") });

        var error = Assert.Throws<IndexFolderException>(() => service.Search("a red square", 3));

        Assert.Equal(IndexProblem.ModelMismatch, error.Problem);
        Assert.Contains("--reembed", error.Message);
    }

    [Fact]
    public void Annotating_without_captions_says_how_to_add_them()
    {
        TinyImages.Write(Path.Combine(root, "images"));
        IndexJob.Run(Options(TinyModel.Save(Path.Combine(root, "model"), seed: 1)));
        using var service = QueryService.Open(Path.Combine(root, "db"), new QueryOptions { CacheDir = Path.Combine(root, "cache") });

        var error = Assert.Throws<IndexFolderException>(() => service.Annotate(ImageReference.File(Path.Combine(root, "images", TinyImages.Original)), 3));

        Assert.Contains("--captions", error.Message);
    }
}
