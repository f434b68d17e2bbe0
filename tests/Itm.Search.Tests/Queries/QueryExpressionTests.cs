using Itm.Search.Queries;

namespace Itm.Search.Tests.Queries;

/// <summary>
/// The query syntax: one phrase of the words without operators, +/- terms, W: weights, quotes; errors that name the
/// token and its 1-based position.
/// </summary>
public sealed class QueryExpressionTests
{
    /// <summary>The terms as "weight|phrase", e.g. "1|beach", "-1|people".</summary>
    private static string[] Terms(string text) =>
        [.. QueryExpression.Parse(text).Terms.Select(t => FormattableString.Invariant($"{t.Weight}|{t.Phrase}"))];

    [Theory]
    [InlineData("a red apple", new[] { "1|a red apple" })]
    [InlineData("  a red circle left of a blue square ", new[] { "1|a red circle left of a blue square" })]
    [InlineData("beach +sunset -people", new[] { "1|beach", "1|sunset", "-1|people" })]
    [InlineData("+sunset beach", new[] { "1|beach", "1|sunset" })]
    [InlineData("-people a sunny  beach", new[] { "1|a sunny beach", "-1|people" })]
    [InlineData("2:dog", new[] { "2|dog" })]
    [InlineData("cat 2:dog", new[] { "1|cat", "2|dog" })]
    [InlineData("cat +0.5:dog -1.5:bird", new[] { "1|cat", "0.5|dog", "-1.5|bird" })]
    [InlineData("shapes +\"blue square\" -\"red  circle\"", new[] { "1|shapes", "1|blue square", "-1|red  circle" })]
    [InlineData("-2:\"blue square\" red", new[] { "1|red", "-2|blue square" })]
    [InlineData("\"a red square\" -circle", new[] { "1|a red square", "-1|circle" })]
    [InlineData("a t-shirt at 3:30 for c++", new[] { "1|a t-shirt at 3:30 for c++" })]
    [InlineData("+3:30 clock", new[] { "1|clock", "1|3:30" })]
    [InlineData("--dog cat", new[] { "1|cat", "-1|-dog" })]
    public void Parses_terms_in_order_with_their_weights(string text, string[] expected)
    {
        Assert.Equal(expected, Terms(text));
    }

    [Theory]
    [InlineData("a red square")]
    [InlineData("  a  red square  ")]
    [InlineData("the \"best\" apple")]
    [InlineData("\"a red square\"")]
    public void A_query_without_operators_is_one_phrase_searched_exactly_as_typed(string text)
    {
        var term = Assert.Single(QueryExpression.Parse(text).Terms);

        Assert.Equal(text.Trim(), term.Phrase);
        Assert.Equal(1, term.Weight);
        Assert.Null(term.Image);
    }

    [Fact]
    public void Terms_record_their_token_and_position()
    {
        var terms = QueryExpression.Parse("beach +sunset  -2:\"two people\"").Terms;

        Assert.Equal([("beach", 1), ("+sunset", 7), ("-2:\"two people\"", 16)], terms.Select(t => (t.Token, t.Position)));
    }

    [Fact]
    public void An_image_is_added_last_with_its_weight()
    {
        var image = ImageReference.Indexed(7);

        var terms = QueryExpression.Parse("-people", image, 0.5).Terms;

        Assert.Equal(2, terms.Count);
        Assert.Equal(-1, terms[0].Weight);
        Assert.Same(image, terms[1].Image);
        Assert.Equal(0.5, terms[1].Weight);
        Assert.Null(terms[1].Phrase);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_image_weight_that_is_zero_or_not_finite_is_refused(double weight)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QueryExpression.Parse("dog", ImageReference.Indexed(1), weight));
    }

    [Theory]
    [InlineData("beach +", "+", 7, "nothing after it")]
    [InlineData("beach - people", "-", 7, "nothing after it")]
    [InlineData("-", "-", 1, "nothing after it")]
    [InlineData("cat 2,5:dog", "2,5", 5, "not a weight")]
    [InlineData("cat -1.2.3:dog", "1.2.3", 6, "not a weight")]
    [InlineData("cat 0:dog", "0", 5, "not a weight")]
    [InlineData("cat +.:dog", ".", 6, "not a weight")]
    [InlineData("cat 2:", "2:", 5, "nothing to weigh")]
    [InlineData("cat +2: dog", "+2:", 5, "nothing to weigh")]
    [InlineData("cat +\"blue square", "\"", 6, "never closed")]
    [InlineData("cat \"\"", "\"\"", 5, "no words")]
    [InlineData("cat +\"blue square\"s", "+\"blue square\"s", 5, "space after the closing quote")]
    [InlineData("-people", "-people", 1, "only subtracts")]
    [InlineData("  -people -2:cars", "-people", 3, "only subtracts")]
    public void A_bad_query_names_the_token_and_its_position(string text, string token, int position, string problem)
    {
        var error = Assert.Throws<QueryExpressionException>(() => QueryExpression.Parse(text));

        Assert.Equal(token, error.Token);
        Assert.Equal(position, error.Position);
        Assert.Contains($"'{token}' at position {position}", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_query_says_what_to_write(string text)
    {
        var error = Assert.Throws<QueryExpressionException>(() => QueryExpression.Parse(text));

        Assert.Contains("empty", error.Message);
        Assert.Equal(0, error.Position);
    }

    [Fact]
    public void Only_negative_words_are_fine_with_an_image_to_search_for()
    {
        var terms = QueryExpression.Parse("-people", ImageReference.Indexed(3)).Terms;

        Assert.Equal([-1.0, 1.0], terms.Select(t => t.Weight));
    }

    [Fact]
    public void A_negative_image_with_only_negative_words_is_refused_naming_the_first_term()
    {
        var error = Assert.Throws<QueryExpressionException>(() => QueryExpression.Parse("-people", ImageReference.Indexed(3), -1));

        Assert.Equal("-people", error.Token);
    }
}
