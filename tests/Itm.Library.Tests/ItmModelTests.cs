using Itm.Data.Images;
using Itm.Library.Tests.Fixtures;
using Itm.Model.Persistence;
using Itm.Search.Tests.Fixtures;

namespace Itm.Library.Tests;

/// <summary>
/// <see cref="ItmModel"/> returns the vectors the model folder itself computes, and the ones the index stores; its
/// errors name the folder or file at fault.
/// </summary>
[Collection("Sequential")]
public sealed class ItmModelTests : IClassFixture<LibraryFolder>
{
    private const float Tolerance = 1e-5f;
    private readonly LibraryFolder folder;

    public ItmModelTests(LibraryFolder folder)
    {
        this.folder = folder;
    }

    private ItmModel Load() => ItmModel.Load(folder.ModelDir, new ItmModelOptions { CacheDir = folder.Cache });

    [Fact]
    public void Text_vectors_are_the_ones_the_model_folder_computes()
    {
        using var loaded = ModelFolder.Load(folder.ModelDir);
        var expected = loaded.EncodeSentences(TinyModel.Sentences);
        using var model = Load();

        var rows = model.EncodeTexts(TinyModel.Sentences);
        float[] one = model.EncodeText(TinyModel.Sentences[2]);

        Assert.Equal(16, model.Dimension);
        Assert.Equal(TinyModel.Sentences.Length, rows.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            AssertClose(expected.AsSpan(i * 16, 16).ToArray(), rows[i]);
        }

        AssertClose(rows[2], one);
        Assert.Equal(1f, ItmModel.Similarity(one, one), 1e-5f);
        Assert.Empty(model.EncodeTexts([]));
    }

    [Fact]
    public void An_image_encodes_the_same_from_a_file_a_stream_and_a_batch_and_scores_as_search_ranks_it()
    {
        using var model = Load();
        string path = folder.Image("shapes/green-circle.png");

        float[] fromFile = model.EncodeImage(path);
        using var stream = File.OpenRead(path);
        float[] fromStream = model.EncodeImage(stream, "green-circle.png");
        var batch = model.EncodeImages([folder.Image("shapes/red-square.png"), path]);

        AssertClose(fromFile, fromStream);
        AssertClose(fromFile, batch[1]);
        Assert.Equal(2, batch.Length);

        // The score of a sentence and an image is the one the index ranks that (indexed) image by.
        using var index = ItmIndex.Open(folder.Db);
        var hit = index.Search("a green circle", k: folder.ReadableImages.Count).Single(h => h.Path == path);
        Assert.Equal(hit.Score, model.Score("a green circle", path), 1e-4f);
    }

    [Fact]
    public void Info_describes_the_model_folder()
    {
        using var model = Load();

        Assert.Equal(new ModelInfo(Path.GetFullPath(folder.ModelDir), "bow", "convnet", 16, null, false, model.Info.Created), model.Info);
        Assert.True(model.Info.Created > DateTimeOffset.UtcNow.AddHours(-1));
    }

    [Fact]
    public void Loading_a_folder_that_is_not_a_model_names_it()
    {
        string missing = Path.Combine(folder.Root, "no-model-here");

        var error = Assert.Throws<ModelFolderException>(() => ItmModel.Load(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains(ModelFolder.ManifestFile, error.Message);
    }

    [Fact]
    public void An_image_that_cant_be_decoded_is_named_in_the_error()
    {
        using var model = Load();
        string broken = folder.Image(TinyImages.Broken);

        var single = Assert.Throws<ImageLoadException>(() => model.EncodeImage(broken));
        var inBatch = Assert.Throws<ImageLoadException>(() => model.EncodeImages([folder.Image(TinyImages.Original), broken]));
        using var bytes = new MemoryStream("not an image either"u8.ToArray());
        var fromStream = Assert.Throws<ImageLoadException>(() => model.EncodeImage(bytes, "upload.png"));
        var missing = Assert.Throws<ImageLoadException>(() => model.EncodeImage(folder.Image("shapes/absent.png")));

        Assert.Contains("broken.png", single.Message);
        Assert.Contains("broken.png", inBatch.Message);
        Assert.Equal(ImageLoadFailure.NotAnImage, inBatch.Failure);
        Assert.Equal("upload.png", fromStream.Path);
        Assert.DoesNotContain(Path.GetTempPath(), fromStream.Message);
        Assert.Equal(ImageLoadFailure.Missing, missing.Failure);
        Assert.Contains("absent.png", missing.Message);
    }

    [Fact]
    public void Similarity_is_the_cosine_and_refuses_vectors_of_different_lengths()
    {
        Assert.Equal(MathF.Sqrt(0.5f), ItmModel.Similarity([1f, 0f], [1f, 1f]), 1e-6f);
        Assert.Equal(-1f, ItmModel.Similarity([0f, 2f], [0f, -3f]), 1e-6f);
        Assert.Throws<ArgumentException>(() => ItmModel.Similarity([1f, 0f], [1f, 0f, 0f]));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], Tolerance);
        }
    }
}
