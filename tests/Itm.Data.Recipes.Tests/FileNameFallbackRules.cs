namespace Itm.Data.Recipes.Tests;

public sealed class FileNameFallbackRules
{
    private static readonly CaptionCandidate SetTitle = new(CaptionKind.Title, "Blue Set");

    private static readonly IReadOnlySet<string> NoneKnown = new HashSet<string>(StringComparer.Ordinal);

    [Fact]
    public void A_drawing_with_captions_of_its_own_gets_no_file_name_caption()
    {
        FallbackResult result = new FileNameFallback(5).Build([Kept("things/lamp_post.svg", "Lamp")], NoneKnown);

        Assert.Null(result.Captions[0]);
        Assert.Equal((0, 0), (result.Uninformative, result.Boilerplate));
    }

    [Fact]
    public void A_caption_needs_a_word_that_other_captions_use()
    {
        FallbackResult result = new FileNameFallback(5).Build(
        [
            Kept("things/lamp.svg", "Lamp"),
            Lost("set/lamp_post.svg"), // "lamp" is a kept caption's word
            Lost("set/taxi1.svg"), // "taxi" is also the file-name word of another family (taxi_)
            Lost("signs/taxi_.svg"),
            Lost("set/kget.svg"), // a word no other caption uses: an app name
            Lost("set/fldr.svg"), // shared with another family, but an abbreviation without a vowel
            Lost("set/fldr_my_.svg"),
            Lost("set/blue_thing.svg"), // "blue" is the drawing's boilerplate title word; "thing" is used nowhere else
            Lost("set/new_file.svg"), // generic file words
        ],
        NoneKnown);

        Assert.Equal(
            [null, "lamp post", "taxi", "taxi", null, null, null, null, null],
            result.Captions.Select(c => c?.Text));
        Assert.All(result.Captions.OfType<CaptionCandidate>(), c => Assert.Equal(CaptionKind.FileName, c.Kind));
        Assert.Equal((5, 0), (result.Uninformative, result.Boilerplate));
    }

    [Fact]
    public void A_file_name_caption_that_five_families_carry_is_boilerplate()
    {
        FallbackResult result = new FileNameFallback(5).Build(
        [
            Kept("things/star.svg", "Star"),
            Lost("stars/star_05pt02step.svg"),
            Lost("stars/star_07pt03step.svg"),
            Lost("stars/star_09pt02step.svg"),
            Lost("stars/star_11pt04step.svg"),
            Lost("stars/star_13pt05step.svg"),
            Lost("stars/gold_star_1.svg"), // "gold star" four times, but one family: variants of one drawing
            Lost("stars/gold_star_2.svg"),
            Lost("stars/gold_star_3.svg"),
            Lost("stars/gold_star_4.svg"),
        ],
        NoneKnown);

        Assert.Equal(
            [null, null, null, null, null, null, "gold star", "gold star", "gold star", "gold star"],
            result.Captions.Select(c => c?.Text));
        Assert.Equal((0, 5), (result.Uninformative, result.Boilerplate));
    }

    [Fact]
    public void Own_captions_count_towards_boilerplate_but_are_not_dropped_again()
    {
        // "apple" is the title of four families; a fifth family's file-name "apple" makes five.
        FallbackResult result = new FileNameFallback(5).Build(
        [
            Kept("fruit/apple_red.svg", "Apple"),
            Kept("fruit/apple_green.svg", "Apple"),
            Kept("fruit/apple_cut.svg", "Apple"),
            Kept("fruit/apple_bitten.svg", "Apple"),
            Lost("fruit/apple.svg"),
        ],
        NoneKnown);

        Assert.All(result.Captions, c => Assert.Null(c));
        Assert.Equal(1, result.Boilerplate);
    }

    [Fact]
    public void A_file_name_caption_already_known_as_boilerplate_is_boilerplate()
    {
        // "lamp" was found to be boilerplate over more drawings than the fallback sees (blank ones, say).
        FallbackResult result = new FileNameFallback(5).Build(
            [Kept("things/lamp_post.svg", "Lamp"), Lost("set/lamp.svg")],
            new HashSet<string>(StringComparer.Ordinal) { "lamp" });

        Assert.All(result.Captions, c => Assert.Null(c));
        Assert.Equal(1, result.Boilerplate);
    }

    private static FallbackDrawing Kept(string path, string title)
    {
        CaptionCandidate caption = new(CaptionKind.Title, title);
        return new FallbackDrawing(path, NearDuplicateGrouper.FamilyOf(path), [], [caption], [caption]);
    }

    /// <summary>A drawing whose only caption, the set's title, was boilerplate.</summary>
    private static FallbackDrawing Lost(string path) =>
        new(path, NearDuplicateGrouper.FamilyOf(path), [], [SetTitle], []);
}
