namespace Itm.Data.Recipes.Tests;

public sealed class FileNameCaptionerRules
{
    private static readonly IReadOnlyList<string> NoAgents = [];

    // The words kept captions use in this test: "up" and "tv" are two-letter words people wrote, "bw" and "jk" are not.
    private static readonly FileNameCaptioner Captioner = new(new HashSet<string>(StringComparer.Ordinal) { "up", "tv", "room" });

    [Theory]
    [InlineData("signs_and_symbols/map_symbols/aiga_waiting_room1.svg", "waiting room")]
    [InlineData("computer/icons/flat-theme/action/unsortedList.svg", "unsorted list")]
    [InlineData("computer/icons/lemon-theme/actions/2leftarrow.svg", "leftarrow")]
    [InlineData("recreation/games/cards/ornamental/ornamental_h_7.svg", "ornamental")]
    [InlineData("computer/icons/etiquette-theme/gnome-mime-text-html.svg", "text html")]
    [InlineData("food/fruit/peach_simple_bw.svg", "peach simple")]
    [InlineData("computer/buttons/b_up.svg", "up")]
    [InlineData("shapes/stars/star_79pt06step.svg", "star step")]
    [InlineData("computer/icons/apacheconf..svg", "apacheconf")]
    [InlineData("misc/arrow_arrow_2.svg", "arrow")]
    [InlineData("misc/12345.svg", "")]
    public void Splits_the_name_and_drops_numbers_letters_collections_and_fragments(string path, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Captioner.Words(path, NoAgents)));
    }

    [Theory]
    [InlineData("animals/tigre05_architetto_franc_01.svg", "Architetto Francesco Rollandin", "tigre")]
    [InlineData("tools/weapons/bullet_hole_linda_kim_aa.svg", "Linda Kim", "bullet hole")]
    [InlineData("computer/icons/people_juliane_krug_05a.svg", "Juliane Krug", "people")]
    [InlineData("recreation/music/trumpet_b_flat_colour_ganso.svg", "ganson", "trumpet flat colour")]
    [InlineData("computer/icons/button2_fudriot_omic.ch_01.svg", "fudriot@omic.ch", "button")]
    [InlineData("animals/architetto_francesco_ro_01.svg", "Architetto Francesco Rollandin", "")]
    [InlineData("plants/red_rose_garden.svg", "Rose Smith", "red rose garden")]
    [InlineData("plants/rose_smith_01.svg", "Rose Smith", "")]
    [InlineData("office/open_book_clip.svg", "Open Clip Art Library", "open book clip")]
    public void Drops_the_author_part_of_the_name(string path, string agent, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Captioner.Words(path, [agent])));
    }

    [Theory]
    [InlineData("tower", true)]
    [InlineData("cat", true)]
    [InlineData("up", false)]
    [InlineData("file", false)]
    [InlineData("image", false)]
    public void A_word_that_may_say_something_has_three_letters_and_is_not_a_generic_file_word(string word, bool expected)
    {
        Assert.Equal(expected, FileNameCaptioner.CanSaySomething(word));
    }
}
