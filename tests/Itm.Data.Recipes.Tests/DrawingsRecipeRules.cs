using System.IO.Compression;
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
            Sets: [new Art4AppsDrawings(), new ScratchCostumes()],
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
    public void Furniture_pictures_are_unpacked_from_their_catalogues_and_named_by_them_without_the_catalogues_own_tag()
    {
        // Given a catalogue like Sweet Home 3D's: a properties file naming each item, and its pictures, one missing and one
        // pointing out of the folder
        Directory.CreateDirectory(_folder.PathOf("sh3d"));
        using (ZipArchive zip = ZipFile.Open(_folder.PathOf("sh3d/Blend-Swap.sh3f"), ZipArchiveMode.Create))
        {
            Write(zip, "PluginFurnitureCatalog.properties", """
                # a comment
                name=Blend Swap
                id#1=bs#armchair
                name#1=Armchair
                tags#1=Blend Swap, Seat
                category#1=Living room
                icon#1=/bs/armchair.png
                name#2=Teddy bear
                tags#2=Blend Swap
                category#2=Kids \u0026 toys
                icon#2=/bs/teddy.png
                name#3=Lamp
                tags#3=Blend Swap
                icon#3=/bs/lamp.png
                name#4=Escape
                tags#4=Blend Swap
                icon#4=/../../escape.png
                name#5=Copy of the chair
                tags#5=Blend Swap
                icon#5=/bs/chair-copy.png
                """);
            Write(zip, "bs/armchair.png", "armchair picture");
            Write(zip, "bs/teddy.png", "teddy picture");
            Write(zip, "bs/chair-copy.png", "armchair picture");
            Write(zip, "escape.png", "outside");
        }

        var furniture = new SweetHome3dFurniture(_folder.PathOf("unpacked"));
        var options = new DrawingsOptions(_folder.PathOf("out"), Sets: [furniture], SourceDirs: new Dictionary<string, string> { ["sweethome3d"] = _folder.PathOf("sh3d") });

        // When the drawings recipe reads it
        DrawingsResult result = new DrawingsRecipe(options).Run();

        // Then each picture it has is kept, captioned by its name, then its category and tags less the catalogue's own tag
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());
        Assert.Equal(["sweethome3d/Blend-Swap/bs/armchair.png", "sweethome3d/Blend-Swap/bs/teddy.png"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["armchair", "living room, seat"], byId["sweethome3d/Blend-Swap/bs/armchair.png"]);
        Assert.Equal(["teddy bear", "kids & toys"], byId["sweethome3d/Blend-Swap/bs/teddy.png"]);
        Assert.Equal("armchair picture", File.ReadAllText(_folder.PathOf("out/images/sweethome3d/Blend-Swap/bs/armchair.png")));
        Assert.False(File.Exists(_folder.PathOf("escape.png")));

        // and the copy of a picture kept before is counted; the report names the installed folder, not the unpacked one
        DrawingSetReport report = Assert.Single(result.Report.Sets);
        Assert.Equal((3, 1, 2), (report.Found, report.Duplicates, report.Kept));
        Assert.Equal(_folder.PathOf("sh3d"), report.SourceDir);
    }

    [Fact]
    public void Java_properties_read_separators_continuations_and_escapes()
    {
        var properties = JavaProperties.Parse("""
            ! a comment
            a=b
            key : value with spaces
            spaced value
            name\=x = y
            long = one \
                two
            cafe = caf\u00e9\tbar
            """);

        Assert.Equal("b", properties["a"]);
        Assert.Equal("value with spaces", properties["key"]);
        Assert.Equal("value", properties["spaced"]);
        Assert.Equal("y", properties["name=x"]);
        Assert.Equal("one two", properties["long"]);
        Assert.Equal("caf\u00e9\tbar", properties["cafe"]);
        Assert.Equal(6, properties.Count);
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }

    [Fact]
    public void A_missing_folder_given_by_hand_is_named()
    {
        var options = new DrawingsOptions(_folder.PathOf("out"), SourceDirs: new Dictionary<string, string> { ["art4apps"] = _folder.PathOf("nowhere") });

        var error = Assert.Throws<DirectoryNotFoundException>(() => new DrawingsRecipe(options).Run());

        Assert.Contains(_folder.PathOf("nowhere"), error.Message, StringComparison.Ordinal);
    }
}
