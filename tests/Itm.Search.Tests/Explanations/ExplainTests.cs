using System.Numerics.Tensors;
using Itm.Data.Text;
using Itm.Index;
using Itm.Search.Explanations;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;
using SkiaSharp;
using Itm.Model.ImageEncoders;

namespace Itm.Search.Tests.Explanations;

/// <summary>
/// Explanations from an index's own model (the tiny bag-of-words and ConvNet one): the score is the one search
/// computes, each word's weight is what leaving it out costs when scored the plain way, and the overlay is a PNG.
/// </summary>
[Collection("Sequential")]
public sealed class ExplainTests : IClassFixture<IndexedFolder>
{
    private const float Tolerance = 1e-4f;
    private readonly IndexedFolder folder;

    public ExplainTests(IndexedFolder folder)
    {
        this.folder = folder;
    }

    private QueryService Open() => QueryService.Open(folder.Db, new QueryOptions { CacheDir = folder.Cache });

    [Theory]
    [InlineData("a red square")]
    [InlineData("a red circle on white, a red circle")]
    public void The_score_and_each_words_weight_are_what_the_model_scores_with_and_without_the_word(string sentence)
    {
        // Given an indexed image, and the model loaded the plain way
        using var service = Open();
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        var image = service.Search("a red square", 1)[0];
        float[] vector = oracle.Image(image.Path);

        // When the match of a sentence with it is explained
        var explanation = service.Explain(ImageReference.Indexed(image.Id), sentence);

        // Then its score is the cosine the model gives the sentence and the image file
        Assert.Equal(TensorPrimitives.Dot(oracle.Sentence(sentence), vector), explanation.Score, Tolerance);

        // And each word, repeated ones once per place, weighs the score lost when the sentence is embedded without it
        var words = Tokenizer.Tokenize(sentence);
        Assert.Equal(words, explanation.Words.Select(w => w.Word));
        float all = TensorPrimitives.Dot(oracle.Sentence(string.Join(' ', words)), vector);
        for (int i = 0; i < words.Count; i++)
        {
            float without = TensorPrimitives.Dot(oracle.Sentence(string.Join(' ', words.Where((_, j) => j != i))), vector);
            Assert.Equal(all - without, explanation.Words[i].Drop, Tolerance);
        }
    }

    [Fact]
    public void The_heatmap_covers_the_image_the_model_sees_and_its_peak_is_its_hottest_cell()
    {
        using var service = Open();
        var image = service.Search("a green circle", 1)[0];

        var explanation = service.Explain(ImageReference.File(image.Path), "a green circle", new ExplainOptions { Grid = 5 });

        Assert.Equal((5, 5), (explanation.Heatmap.Rows, explanation.Heatmap.Cols));
        Assert.Equal((TinyModel.PixelSize, TinyModel.PixelSize), (explanation.Image.Width, explanation.Image.Height));
        Assert.All(explanation.Heatmap.Values, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(explanation.Heatmap.Values, v => v != 0);
        var (row, col) = explanation.Heatmap.PeakCell();
        Assert.Equal(explanation.Heatmap.Values.Max(), explanation.Heatmap[row, col]);
        Assert.Equal(new Region(col / 5.0, row / 5.0, 1 / 5.0, 1 / 5.0), explanation.Peak);
    }

    [Theory]
    [InlineData(null, 8)]   // The deepest map at least 7 wide: the first block's, 16 / 2 pixels.
    [InlineData(2, 4)]
    public void Grad_cam_is_the_models_own_over_its_maps_with_the_same_score_and_word_weights(int? layer, int side)
    {
        // Given an indexed image and the model loaded the plain way
        using var service = Open();
        using var oracle = new ModelOracle(folder.ModelDir, folder.Cache);
        var image = service.Search("a green circle", 1)[0];
        var occlusion = service.Explain(ImageReference.Indexed(image.Id), "a green circle");

        // When the match is explained with Grad-CAM
        var explanation = service.Explain(ImageReference.Indexed(image.Id), "a green circle", new ExplainOptions { Method = ExplainMethod.GradCam, Layer = layer });

        // Then the heatmap is the model's Grad-CAM at that layer, one cell per map position, and its peak the hottest cell
        var expected = oracle.GradCam(image.Path, oracle.Sentence("a green circle"), layer);
        Assert.Equal(ExplainMethod.GradCam, explanation.Method);
        Assert.Equal((side, side), (explanation.Heatmap.Rows, explanation.Heatmap.Cols));
        Assert.Equal(expected.Values, explanation.Heatmap.Values, (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.All(explanation.Heatmap.Values, v => Assert.True(v >= 0 && float.IsFinite(v)));
        var (row, col) = explanation.Heatmap.PeakCell();
        Assert.Equal(explanation.Heatmap.CellRegion(row, col), explanation.Peak);
        Assert.Equal(expected.Score, explanation.Score, Tolerance);

        // And the score and the words' weights are the occlusion explanation's
        Assert.Equal(occlusion.Score, explanation.Score, Tolerance);
        Assert.Equal(occlusion.Words.Select(w => w.Word), explanation.Words.Select(w => w.Word));
        Assert.Equal(occlusion.Words.Select(w => w.Drop), explanation.Words.Select(w => w.Drop), (a, b) => Math.Abs(a - b) < Tolerance);
        Assert.Equal(ExplainMethod.Occlusion, occlusion.Method);
    }

    [Fact]
    public void Grad_cam_at_a_layer_the_image_model_lacks_is_refused_naming_the_model_and_its_layers()
    {
        using var service = Open();
        var image = service.Search("a red square", 1)[0];

        var refused = Assert.Throws<GradCamUnavailableException>(() =>
            service.Explain(ImageReference.Indexed(image.Id), "a red square", new ExplainOptions { Method = ExplainMethod.GradCam, Layer = 4 }));

        Assert.Equal("layer", refused.Parameter);
        Assert.Contains("convnet", refused.Message);
        Assert.Contains("0 (the last) to 3", refused.Message);
    }

    [Fact]
    public void Grad_cam_on_frozen_resnet18_features_is_refused_naming_the_image_model_and_pointing_to_occlusion()
    {
        // Given a model over frozen ResNet18 features (its image pipeline is never opened)
        string modelDir = TinyModel.Save(Path.Combine(folder.Root, "resnet18-model"), seed: 4, FeatureMlpSpec.ResNet18);
        using var embedders = new ModelEmbedders(modelDir, folder.Cache);

        // When Grad-CAM is asked of it
        var refused = Assert.Throws<GradCamUnavailableException>(() => embedders.CheckGradCam(layer: null));

        // Then it is refused: the method is at fault, the image model named, and occlusion offered
        Assert.Equal("method", refused.Parameter);
        Assert.Contains("resnet18", refused.Message);
        Assert.Contains("occlusion", refused.Message);
    }

    [Fact]
    public void The_overlay_is_a_png_of_the_requested_width()
    {
        using var service = Open();
        var image = service.Search("a blue square", 1)[0];
        var explanation = service.Explain(ImageReference.Indexed(image.Id), "a blue square");

        byte[] png = OverlayRenderer.RenderPng(explanation, width: 200);

        using var decoded = SKBitmap.Decode(png);
        Assert.Equal((200, 200), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void An_unknown_id_or_a_missing_file_is_refused_naming_it()
    {
        using var service = Open();

        var unknown = Assert.Throws<IndexFolderException>(() => service.Explain(ImageReference.Indexed(9999), "a red square"));
        Assert.Contains("9999", unknown.Message);
        string missing = Path.Combine(folder.Root, "nowhere.png");
        var gone = Assert.Throws<FileNotFoundException>(() => service.Explain(ImageReference.File(missing), "a red square"));
        Assert.Contains(missing, gone.Message);
    }
}
