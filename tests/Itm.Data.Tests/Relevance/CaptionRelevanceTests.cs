using Itm.Data.Relevance;
using Itm.Data.Text;

namespace Itm.Data.Tests.Relevance;

/// <summary>An image answers a query when one of its captions says all the query says; cases worked out by hand.</summary>
public sealed class CaptionRelevanceTests
{
    [Theory]
    [InlineData("A picture of two Dogs.", new[] { "two", "dog" })]
    [InlineData("a sailing boat", new[] { "sailing", "boat" })]
    [InlineData("Berries and boxes in glasses", new[] { "berry", "box", "glass" })]
    [InlineData("the bus is on the grass", new[] { "bus", "grass" })]
    [InlineData("a picture", new string[0])]
    public void Terms_are_the_content_words_in_the_singular(string text, string[] expected) =>
        Assert.Equal(expected.Order(), CaptionTerms.Of(text).Order());

    [Fact]
    public void An_image_is_relevant_when_one_caption_holds_every_query_term()
    {
        // Given four images: 0 "a dog" / "cute puppy", 1 "black dogs running", 2 "a cat", 3 "a black cat and a dog"
        var images = new[]
        {
            Image("0", "a dog", "cute puppy"),
            Image("1", "black dogs running"),
            Image("2", "a cat"),
            Image("3", "a black cat and a dog"),
        };

        // When every caption is a query
        int[][] relevant = CaptionRelevance.RelevantImages(images);

        // Then (sentences in image order, then caption order):
        Assert.Equal(5, relevant.Length);
        Assert.Equal([0, 1, 3], relevant[0]);   // "a dog": every caption saying dog, plural or not
        Assert.Equal([0], relevant[1]);         // "cute puppy": only its own image
        Assert.Equal([1], relevant[2]);         // "black dogs running": image 3 lacks "running"
        Assert.Equal([2, 3], relevant[3]);      // "a cat"
        Assert.Equal([3], relevant[4]);         // "a black cat and a dog": image 1 has black dogs but no cat
    }

    [Fact]
    public void Terms_must_meet_in_one_caption_not_across_captions()
    {
        var images = new[] { Image("0", "a red apple"), Image("1", "a red car", "an apple") };

        int[][] relevant = CaptionRelevance.RelevantImages(images);

        Assert.Equal([0], relevant[0]); // image 1 says red and apple, but in different captions
    }

    [Fact]
    public void A_query_without_content_words_is_answered_by_its_own_image_only()
    {
        var images = new[] { Image("0", "a cat"), Image("1", "a picture") };

        Assert.Equal([1], CaptionRelevance.RelevantImages(images)[1]);
    }

    [Fact]
    public void Every_query_is_answered_by_at_least_its_own_image_as_a_naive_double_loop_says()
    {
        var random = new Random(5);
        string[] words = ["red", "blue", "dog", "dogs", "cat", "boat", "boats", "the", "a", "sailing", "of"];
        var images = Enumerable.Range(0, 30).Select(i => Image(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => string.Join(' ', Enumerable.Range(0, 1 + random.Next(4)).Select(_ => words[random.Next(words.Length)])))])).ToList();

        int[][] relevant = CaptionRelevance.RelevantImages(images);

        var captions = images.SelectMany((image, i) => image.Captions.Select(c => (Image: i, c.Raw))).ToList();
        for (int s = 0; s < captions.Count; s++)
        {
            var query = CaptionTerms.Of(captions[s].Raw);
            int[] expected = query.Count == 0 ? [captions[s].Image]
                : [.. captions.Where(c => query.All(CaptionTerms.Of(c.Raw).Contains)).Select(c => c.Image).Distinct().Order()];
            Assert.Equal(expected, relevant[s]);
            Assert.Contains(captions[s].Image, relevant[s]);
        }
    }

    private static CaptionedImage Image(string id, params string[] captions) =>
        new(id, $"/images/{id}.png", Split.Val, [.. captions.Select((c, i) => new Caption(i, c, Tokenizer.Tokenize(c)))]);
}
