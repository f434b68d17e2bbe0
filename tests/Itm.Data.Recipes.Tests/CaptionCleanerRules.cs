namespace Itm.Data.Recipes.Tests;

public sealed class CaptionCleanerRules
{
    private static readonly IReadOnlyList<string> NoAgents = [];

    [Fact]
    public void Agent_names_lose_addresses_and_brackets_and_come_longest_first()
    {
        IReadOnlyList<string> agents = CaptionCleaner.CleanAgentNames(["Jakob [chaosinfaith@hotmail.com]", "Nicu Buculei", "Mitchell Johnson < >", "x"]);

        Assert.Equal(["Mitchell Johnson", "Nicu Buculei", "Jakob"], agents);
    }

    [Fact]
    public void Title_loses_the_credit_author_and_file_numbering()
    {
        var cleaner = new CaptionCleaner();
        IReadOnlyList<string> agents = CaptionCleaner.CleanAgentNames(["Nicu Buculei"]);

        Assert.Equal("arrow", cleaner.CleanTitle("Clipart by Nicu Buculei - arrow08_4", agents));
        Assert.Equal("Cat", cleaner.CleanTitle("Cat by Nicu Buculei", agents));
        Assert.Null(cleaner.CleanTitle("Nicu Buculei", agents));
    }

    [Theory]
    [InlineData("arki_arrow_left", "arki arrow left")]
    [InlineData("RedApple", "Red Apple")]
    [InlineData("Switch_HP_2524", "Switch HP")]
    [InlineData("guitar1", "guitar")]
    [InlineData("magnolia-white.svg", "magnolia white")]
    [InlineData("2 dead frogs", "2 dead frogs")]
    [InlineData("Route 66", "Route 66")]
    [InlineData("Ice Cream Cone (1 scoop)", "Ice Cream Cone (1 scoop)")]
    public void File_name_like_titles_are_split_into_words(string raw, string expected)
    {
        Assert.Equal(expected, new CaptionCleaner().CleanTitle(raw, NoAgents));
    }

    [Theory]
    [InlineData("image001")]
    [InlineData("drawing-1.svg")]
    [InlineData("12345")]
    [InlineData("Untitled")]
    [InlineData("New Layer 2")]
    [InlineData("http://openclipart.org")]
    [InlineData("Public Domain")]
    [InlineData("  ")]
    public void Uninformative_titles_are_dropped(string raw)
    {
        var cleaner = new CaptionCleaner();

        Assert.Null(cleaner.CleanTitle(raw, NoAgents));
        Assert.Equal(1, cleaner.Counts.TitlesDropped);
    }

    [Fact]
    public void Markup_entities_urls_emails_and_licence_text_are_removed()
    {
        var cleaner = new CaptionCleaner();

        string? description = cleaner.CleanDescription(
            "<p>A red &amp; white lighthouse on a rock http://example.org/x e-mail: joe@example.com, released into the public domain</p>",
            NoAgents);

        Assert.Equal("A red & white lighthouse on a rock", description);
        Assert.Equal((1, 1, 1, 1), (cleaner.Counts.Markup, cleaner.Counts.Urls, cleaner.Counts.Emails, cleaner.Counts.LicencePhrases));
    }

    [Theory]
    [InlineData("Apple Clip Art", "Apple")]
    [InlineData("Openclipart: sailing boat", "sailing boat")]
    [InlineData("Sailing boat (CC0 1.0)", "Sailing boat")]
    [InlineData("Lighthouse, created with Inkscape", "Lighthouse")]
    [InlineData("Tulip - www.example.de/tulip", "Tulip")]
    public void Licence_clip_art_and_editor_boilerplate_is_removed_from_titles(string raw, string expected)
    {
        Assert.Equal(expected, new CaptionCleaner().CleanTitle(raw, NoAgents));
    }

    [Fact]
    public void Description_is_its_first_informative_sentence_without_the_full_stop()
    {
        var cleaner = new CaptionCleaner();

        Assert.Equal("A cute cat sleeping on a mat", cleaner.CleanDescription("A cute cat sleeping on a mat. Drawn in 2005 for a school play.", NoAgents));
        Assert.Equal("A house by the sea", cleaner.CleanDescription("Data from:\nhttp://example.com\nPublic domain.\nA house by the sea.", NoAgents));
        Assert.Equal("Simbolo delle scatole di collant", cleaner.CleanDescription("Simbolo delle scatole di collant.\nShape package pantyhose.", NoAgents));
    }

    [Fact]
    public void Long_descriptions_are_cut_at_a_clause_and_never_end_on_a_function_word()
    {
        var cleaner = new CaptionCleaner(maxDescriptionWords: 8);

        Assert.Equal("A big old tree, with roots", cleaner.CleanDescription("A big old tree, with roots, and branches spreading over the whole hill", NoAgents));
        Assert.Equal("one two three four five six seven", cleaner.CleanDescription("one two three four five six seven of the house", NoAgents));
        Assert.Equal(2, cleaner.Counts.DescriptionsShortened);
    }

    [Fact]
    public void Address_only_one_word_and_artifact_descriptions_are_dropped()
    {
        var cleaner = new CaptionCleaner();

        Assert.Null(cleaner.CleanDescription("jean.victor.balin@gmail.com", NoAgents));
        Assert.Null(cleaner.CleanDescription("icecube", NoAgents));
        Assert.Null(cleaner.CleanDescription("HASH(0x85caca8)", NoAgents));
        Assert.Equal(3, cleaner.Counts.DescriptionsDropped);
    }

    [Fact]
    public void Keywords_are_cleaned_deduplicated_capped_and_joined()
    {
        var cleaner = new CaptionCleaner(maxKeywords: 4);
        IReadOnlyList<string> agents = CaptionCleaner.CleanAgentNames(["Architetto Francesco Rollandin"]);

        string? keywords = cleaner.CleanKeywords(
            ["flower", "hash", "hash(0x8a07724)", "", "architetto francesco rollandin", "Flower", "united_nations_member", "11", "plant", "nature", "garden"],
            agents);

        Assert.Equal("flower, united nations member, plant, nature", keywords);
    }

    [Fact]
    public void Keywords_with_nothing_left_give_null()
    {
        Assert.Null(new CaptionCleaner().CleanKeywords(["hash", "", "clipart", "42"], NoAgents));
    }

    [Fact]
    public void Collection_time_stamps_are_removed()
    {
        Assert.Equal("Part of the Flat Icon Collection", new CaptionCleaner().CleanTitle("Part of the Flat Icon Collection (Wed Aug 25 23:29:46 2004)", NoAgents));
    }

    [Fact]
    public void A_title_ending_in_by_keeps_it_when_nothing_was_removed()
    {
        Assert.Equal("Stand by", new CaptionCleaner().CleanTitle("Stand by", NoAgents));
    }
}
