using Itm.Model.Sampling;
using static TorchSharp.torch;

namespace Itm.Training.Tests;

/// <summary>
/// Hard negatives mined from the whole training set: the hardest item outside the batch, but never one that shares
/// the anchor's exact sentence (another drawing with the same caption is not a negative).
/// </summary>
[Collection("Sequential")]
public sealed class EmbeddingBankTests
{
    // Images 0 and 1 are both captioned "5" (feature id 5); image 2 is captioned "7", image 3 "9".
    private static TrainingData Data() =>
        new(randn([4, TinyMatchingData.FeatureDim], generator: new Generator(5)), [[5], [5], [7], [9]], [0, 1, 2, 3]);

    [Fact]
    public void Mining_skips_the_batch_and_every_item_with_the_anchors_own_sentence()
    {
        using var data = Data();
        using var model = TinyMatchingData.Model(seed: 1);
        using var duplicates = new TextDuplicates(data);
        using var bank = EmbeddingBank.Encode(model, data, new NegativeSampling(NegativeKind.Global, 0, Direction.Both), duplicates);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.eval();
        var images = model.EncodeImages(data.Images.narrow(0, 0, 1));
        var texts = model.EncodeTexts([data.Sentences[0]]);

        // The batch is pair 0 (image 0, sentence 0). Sentence 1 is the same sentence for image 1: the highest
        // possible score, yet not a negative; likewise image 1 for the sentence anchor.
        long[] sentences = bank.HardestSentences(images, [0], [0]);
        long[] imagesMined = bank.HardestImages(texts, [0], [0]);

        Assert.Single(sentences);
        Assert.Contains(sentences[0], new long[] { 2, 3 });
        Assert.Single(imagesMined);
        Assert.Contains(imagesMined[0], new long[] { 2, 3 });
    }

    [Fact]
    public void Duplicates_group_identical_sentences_and_their_images()
    {
        using var data = Data();
        using var duplicates = new TextDuplicates(data);

        Assert.Equal(duplicates.TextId(0), duplicates.TextId(1));
        Assert.NotEqual(duplicates.TextId(0), duplicates.TextId(2));
        Assert.Equal(new long[] { 0, 1 }, duplicates.ImagesCaptionedLike(1).Order());
        Assert.Equal(new long[] { 3 }, duplicates.ImagesCaptionedLike(3));
    }

    [Fact]
    public void An_image_from_outside_the_batch_stands_for_its_caption_that_the_batch_has()
    {
        using var data = Data();
        using var duplicates = new TextDuplicates(data);
        long five = duplicates.TextId(0), seven = duplicates.TextId(2);

        Assert.Equal(five, duplicates.ImageKey(1, new HashSet<long> { five, seven }));
        Assert.Equal(seven, duplicates.ImageKey(2, new HashSet<long> { five, seven }));
        Assert.Equal(-1, duplicates.ImageKey(3, new HashSet<long> { five, seven })); // "9" is no batch sentence
    }
}
