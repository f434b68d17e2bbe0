using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class DrawingsRecipeRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("belly_button", "belly button")]
    [InlineData("cat1-a", "cat")]
    [InlineData("tug-boat", "tug boat")]
    [InlineData("Perspective Ship", "perspective ship")]
    [InlineData("7-b", "")]
    public void Names_become_their_words_without_numbers_or_pose_letters(string name, string words) =>
        Assert.Equal(words, string.Join(' ', DrawingNames.Words(name)));

    [Fact]
    public void Art4apps_captions_are_the_word_and_the_category()
    {
        var set = new Art4AppsDrawings();

        Assert.Equal(["belly button", "body"], set.Captions("body/belly_button.jpg").Select(c => c.Text));
        Assert.Equal(["apple", "fruit and vegetables"], set.Captions("fruit_n_veg/apple.jpg").Select(c => c.Text));
        Assert.Equal([CaptionKind.Title, CaptionKind.Keywords], set.Captions("body/belly_button.jpg").Select(c => c.Kind));
    }

    [Theory]
    [InlineData("Animals/cat1-a.gif", "cat")]
    [InlineData("Things/tennisball.png", "tennis ball")]
    [InlineData("Transportation/street-cleaner-mit.png", "street cleaner")]
    [InlineData("People/cassy-dancing-3.gif", "person dancing")]
    [InlineData("People/anjuli-5.gif", "person")]
    [InlineData("People/boy4-walking-a.gif", "boy walking")]
    [InlineData("People/womanbun.png", "woman with a bun")]
    [InlineData("Fantasy/fantasy3.gif", null)]
    public void Scratch_costumes_say_what_is_drawn_not_who_drew_it(string path, string? caption)
    {
        IReadOnlyList<CaptionCandidate> captions = new ScratchCostumes().Captions(path);

        if (caption is null)
        {
            Assert.Empty(captions);
            return;
        }

        Assert.Equal([caption, path[..path.IndexOf('/', StringComparison.Ordinal)].ToLowerInvariant()], captions.Select(c => c.Text));
    }

    [Theory]
    [InlineData("Letters/bubbles/q.gif", "letter q", "letters")]
    [InlineData("Letters/funky/7.gif", "number 7", "seven")]
    public void Scratch_letters_and_digits_are_named_for_what_they_are(string path, string first, string second) =>
        Assert.Equal([first, second], new ScratchCostumes().Captions(path).Select(c => c.Text));

    [Fact]
    public void Reads_both_sets_skips_what_says_nothing_empty_files_and_copies_and_keeps_every_drawing_for_training()
    {
        // Given an Art4Apps folder and a Scratch costume folder (with one of its alphabets) and the files such packages hold besides drawings
        _folder.WriteText("a4a/food/apple.jpg", "apple bytes");
        _folder.WriteText("a4a/fruit_n_veg/apple.jpg", "another apple");
        _folder.WriteText("a4a/body/belly_button.jpg", "belly");
        _folder.WriteText("a4a/body/empty.jpg", "");
        _folder.WriteText("a4a/loose.jpg", "no category");
        _folder.WriteText("scratch/Animals/cat1-a.gif", "cat a");
        _folder.WriteText("scratch/Animals/cat1-b.gif", "cat b");
        _folder.WriteText("scratch/Animals/copy-of-apple.png", "apple bytes");
        _folder.WriteText("scratch/Animals/scratchthumbs.db", "thumbnails");
        _folder.WriteText("scratch/Animals/Running Ant.sprite", "sprite");
        _folder.WriteText("scratch/Fantasy/fantasy3.gif", "fantasy");
        _folder.WriteText("scratch/Letters/funky/A.gif", "letter");
        _folder.WriteText("scratch/Letters/B.gif", "letter");
        var options = new DrawingsOptions(
            _folder.PathOf("out"),
            SourceDirs: new Dictionary<string, string> { ["art4apps"] = _folder.PathOf("a4a"), ["scratch"] = _folder.PathOf("scratch") });

        // When the recipe runs
        DrawingsResult result = new DrawingsRecipe(options).Run();

        // Then every drawing with a name is kept, under its set's folder, captioned by its name and category
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());
        Assert.Equal(
            ["art4apps/body/belly_button.jpg", "art4apps/food/apple.jpg", "art4apps/fruit_n_veg/apple.jpg", "scratch/Animals/cat1-a.gif", "scratch/Animals/cat1-b.gif",
             "scratch/Letters/funky/A.gif"],
            byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cat", "animals"], byId["scratch/Animals/cat1-b.gif"]);
        Assert.Equal(["letter a", "letters"], byId["scratch/Letters/funky/A.gif"]);
        Assert.True(File.Exists(_folder.PathOf("out/images/scratch/Animals/cat1-a.gif")));

        // and what is skipped is counted per set
        DrawingSetReport art = result.Report.Sets[0], scratch = result.Report.Sets[1];
        Assert.Equal(("art4apps", 4, 1, 0, 0, 3), (art.Set, art.Found, art.Empty, art.NoCaption, art.Duplicates, art.Kept));
        Assert.Equal(("scratch", 5, 0, 1, 1, 3), (scratch.Set, scratch.Found, scratch.Empty, scratch.NoCaption, scratch.Duplicates, scratch.Kept));
        Assert.Equal(("CC-BY-SA-3.0", "pysiogame"), (art.Licence, art.Package));
        Assert.Null(art.Version);

        // and all of it is for training
        Assert.Equal((6, 0, 0), (result.Report.Train, result.Report.Val, result.Report.Test));
        Assert.All(result.Dataset.Images, image => Assert.Equal(Split.Train, image.Split));
        Assert.True(File.Exists(_folder.PathOf("out/recipe-report.json")));
    }

    [Fact]
    public void A_missing_folder_given_by_hand_is_named()
    {
        var options = new DrawingsOptions(_folder.PathOf("out"), SourceDirs: new Dictionary<string, string> { ["art4apps"] = _folder.PathOf("nowhere") });

        var error = Assert.Throws<DirectoryNotFoundException>(() => new DrawingsRecipe(options).Run());

        Assert.Contains(_folder.PathOf("nowhere"), error.Message, StringComparison.Ordinal);
    }
}
