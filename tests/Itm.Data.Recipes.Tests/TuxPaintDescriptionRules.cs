namespace Itm.Data.Recipes.Tests;

public sealed class TuxPaintDescriptionRules
{
    [Fact]
    public void The_first_line_is_the_english_sentence_and_translations_are_ignored() =>
        Assert.Equal("A chick inside an egg.", TuxPaintDescription.English(["A chick inside an egg.", "fr=Un poussin.", "de.utf8=Ein Küken."]));

    [Fact]
    public void White_space_and_a_byte_order_mark_are_cleaned() =>
        Assert.Equal("A big red fire truck.", TuxPaintDescription.English(["\uFEFF  A big\t red   fire truck.  "]));

    [Fact]
    public void Blank_lines_before_the_sentence_are_skipped() =>
        Assert.Equal("A frog.", TuxPaintDescription.English(["", "   ", "A frog.", "fr=Une grenouille."]));

    [Fact]
    public void A_file_of_translations_only_has_no_english() =>
        Assert.Null(TuxPaintDescription.English(["", "fr=Une grenouille.", "de.utf8=Ein Frosch."]));

    [Fact]
    public void An_empty_file_has_no_english() => Assert.Null(TuxPaintDescription.English([]));

    [Theory]
    [InlineData("fr=Un poussin.", true)]
    [InlineData("de.utf8=Ein Küken.", true)]
    [InlineData("pt_BR.utf8=Um pintinho.", true)]
    [InlineData("sr@latin.utf8=Pile.", true)]
    [InlineData("ach.utf8=Gweno.", true)]
    [InlineData("A calculator. 6x7=42", false)]
    [InlineData("x=1 is an equation.", false)]
    public void Translation_lines_are_told_from_sentences(string line, bool translation) =>
        Assert.Equal(translation, TuxPaintDescription.IsTranslation(line));
}
