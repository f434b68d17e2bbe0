namespace Itm.Data.Recipes.Tests;

public sealed class IconCaptionRules
{
    [Theory]
    [InlineData("arrow-left-bold", "arrow left bold")]
    [InlineData("numeric-1-box", "numeric box")]
    [InlineData("AddressBook", "address book")]
    [InlineData("file_mp3", "file mp3")]
    [InlineData("123", "")]
    public void Splits_identifiers_into_words_and_drops_numbers_only_words(string identifier, string words) =>
        Assert.Equal(words, IconCaptioner.Words(identifier));

    [Theory]
    [InlineData("arrow-left", "arrow-left")]
    [InlineData("arrow-left-bold", "arrow-left")]
    [InlineData("arrow-left-circle-outline", "arrow-left")]
    [InlineData("a-b-2-filled", "a-b")]
    [InlineData("circle", "circle")]
    [InlineData("circle-fill", "circle")]
    public void Families_leave_out_trailing_style_words_and_numbers(string name, string family) =>
        Assert.Equal(family, IconCaptioner.FamilyOf(name));

    [Fact]
    public void Captions_are_the_name_then_one_tag_sentence_then_each_alias()
    {
        var captioner = new IconCaptioner(new CaptionCleaner());
        var icon = new IconEntry("svg/account-outline.svg", "account-outline", ["user-outline", "account_outline"], ["Account / User", "split-test", "42"]);

        List<CaptionCandidate> captions = captioner.Captions(icon);

        Assert.Equal(
            ["Title: account outline", "Keywords: Account, User, split test", "Title: user outline"],
            captions.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("file", "file")]
    [InlineData("copy", "copy")]
    [InlineData("x", null)]
    [InlineData("4-2", null)]
    public void A_name_is_a_caption_when_it_has_two_letters_even_a_file_name_word(string name, string? sentence) =>
        Assert.Equal(sentence, IconCaptioner.NameSentence(name));

    [Fact]
    public void An_icon_whose_name_tags_and_aliases_say_nothing_has_no_caption()
    {
        var captioner = new IconCaptioner(new CaptionCleaner());

        Assert.Empty(captioner.Captions(new IconEntry("svg/123.svg", "123", ["4-2"], ["7"])));
        Assert.Empty(captioner.Captions(new IconEntry("svg/.svg", "", [], [])));
    }
}
