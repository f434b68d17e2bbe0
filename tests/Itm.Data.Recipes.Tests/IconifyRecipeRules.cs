using Itm.Data.Images;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class IconifyRecipeRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static IconifyIconSet Fake(string licence = "MIT") => new("fake", "1.0.0", licence);

    private IconsResult Run(string package) =>
        new IconsRecipe("fake", [Fake()], new IconsOptions(_folder.PathOf("out"), new Dictionary<string, string> { ["fake"] = package })).Run();

    [Fact]
    public void Lists_every_icon_as_an_svg_file_it_writes_with_aliases_categories_and_what_the_set_excludes()
    {
        string package = IconPackageFixtures.WriteIconify(_folder);

        IReadOnlyList<IconEntry> entries = Fake().Read(package);
        var byPath = entries.ToDictionary(e => e.RelativePath);

        // Then each icon points at its own SVG under itm-svg/, named by the package's name, with its plain aliases and
        // its categories but no catch-all one
        Assert.Equal(7, entries.Count);
        IconEntry house = byPath["itm-svg/house.svg"];
        Assert.Equal(("house", "house"), (house.Name, house.Family));
        Assert.Equal(["home"], house.Aliases);
        Assert.Equal(["Buildings"], house.Tags);

        // and a style suffix keeps a style word but not the set's jargon, both in the family of the bare name
        Assert.Equal(("house-bold", "house"), (byPath["itm-svg/house-bold.svg"].Name, byPath["itm-svg/house-bold.svg"].Family));
        Assert.Equal(("tent", "tent"), (byPath["itm-svg/tent-linear.svg"].Name, byPath["itm-svg/tent-linear.svg"].Family));

        // and the hidden icon and the one in the emoji category are listed as excluded, with no file written
        Assert.Equal(IconifyIconSet.Hidden, byPath["itm-svg/old-house.svg"].ExcludedBecause);
        Assert.Equal(IconifyIconSet.Emoji, byPath["itm-svg/grinning-face.svg"].ExcludedBecause);
        Assert.Equal(5, entries.Count(e => e.ExcludedBecause is null));
        Assert.False(File.Exists(Path.Combine(package, "itm-svg", "old-house.svg")));
        Assert.False(File.Exists(Path.Combine(package, "itm-svg", "grinning-face.svg")));
    }

    [Fact]
    public void The_svg_written_has_the_icons_own_box_or_the_sets_and_draws_something()
    {
        string package = IconPackageFixtures.WriteIconify(_folder);

        Fake().Read(package);
        string wide = File.ReadAllText(Path.Combine(package, "itm-svg", "wide-arrow.svg"));
        string house = File.ReadAllText(Path.Combine(package, "itm-svg", "house.svg"));

        Assert.Contains("viewBox=\"0 0 48 24\"", wide, StringComparison.Ordinal);
        Assert.Contains("<path d=\"M0 8H40V16H0Z\"/>", wide, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 24 24\"", house, StringComparison.Ordinal);
        RgbImage image = new ImageLoader(new ImageLoadOptions { TargetSize = 32 }).Load(Path.Combine(package, "itm-svg", "house.svg"));
        Assert.Contains(image.Pixels, value => value < 128);
    }

    [Fact]
    public void The_recipe_captions_names_aliases_and_categories_and_counts_what_the_set_excludes()
    {
        string package = IconPackageFixtures.WriteIconify(_folder);

        IconsResult result = Run(package);
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());
        IconSetReport set = Assert.Single(result.Report.Sets);

        Assert.Equal(["house", "Buildings", "home"], byId["fake/itm-svg/house.svg"]);
        Assert.Equal(["house bold", "Buildings"], byId["fake/itm-svg/house-bold.svg"]);
        Assert.Equal(["tent"], byId["fake/itm-svg/tent-linear.svg"]);
        Assert.Equal(["wide arrow"], byId["fake/itm-svg/wide-arrow.svg"]);
        Assert.Equal((7, 2, 1, 4), (set.Listed, set.ExcludedBySet, set.NoCaption, set.Kept));
        Assert.Equal(["itm-svg/7-bold.svg"], set.Skipped["noCaption"]);
        Assert.Equal(["itm-svg/old-house.svg"], set.Skipped["hidden"]);
        Assert.Equal(["itm-svg/grinning-face.svg"], set.Skipped["emoji"]);
        Assert.Equal(("@iconify-json/fake", "MIT"), (set.Package, set.Licence));
        Assert.True(File.Exists(_folder.PathOf("out/images/fake/itm-svg/house.svg")));
    }

    [Fact]
    public void A_licence_other_than_the_pinned_one_is_an_error_naming_the_file_and_both_licences()
    {
        string package = IconPackageFixtures.WriteIconify(_folder, licence: "GPL-3.0");

        var error = Assert.Throws<InvalidDataException>(() => Fake("MIT").Read(package));

        Assert.Contains(Path.Combine(package, "info.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("'MIT'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'GPL-3.0'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twemoji")]
    [InlineData("fluent-emoji-flat")]
    [InlineData("openmoji")]
    public void An_emoji_set_on_the_denylist_is_refused_by_name(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new IconifyIconSet(prefix, "1.0.0", "MIT"));

        Assert.Contains($"'{prefix}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_whose_own_category_is_emoji_is_refused_when_read()
    {
        string package = IconPackageFixtures.WriteIconify(_folder, category: "Emoji");

        var error = Assert.Throws<InvalidDataException>(() => Fake().Read(package));

        Assert.Contains("'fake'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Emoji", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(package, "itm-svg")));
    }

    [Fact]
    public void A_licence_outside_the_allowed_list_is_refused_when_the_set_is_made()
    {
        var error = Assert.Throws<ArgumentException>(() => new IconifyIconSet("fake", "1.0.0", "CC-BY-NC-4.0"));

        Assert.Contains("CC-BY-NC-4.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Svg_files_already_written_are_reused_and_a_changed_one_is_written_again()
    {
        string package = IconPackageFixtures.WriteIconify(_folder);
        Fake().Read(package);
        string house = Path.Combine(package, "itm-svg", "house.svg");
        string tent = Path.Combine(package, "itm-svg", "tent-linear.svg");
        string written = File.ReadAllText(tent);
        var longAgo = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(house, longAgo);
        File.WriteAllText(tent, "<svg/>");

        Fake().Read(package);

        Assert.Equal(longAgo, File.GetLastWriteTimeUtc(house));
        Assert.Equal(written, File.ReadAllText(tent));
        Assert.Empty(Directory.GetFiles(Path.Combine(package, "itm-svg"), "*.tmp"));
    }

    [Fact]
    public void An_older_package_with_info_and_categories_inside_icons_json_reads_the_same()
    {
        _folder.WriteText("old/icons.json", """
            {"prefix":"fake","info":{"name":"Fake","license":{"title":"MIT","spdx":"MIT"},"category":"Thematic"},
             "icons":{"anchor":{"body":"<path d=\"M4 4H20V20H4Z\"/>","height":20}},
             "categories":{"Maritime":["anchor"]},"width":24,"height":24}
            """);

        IconEntry anchor = Assert.Single(Fake().Read(_folder.PathOf("old")));

        Assert.Equal("anchor", anchor.Name);
        Assert.Equal(["Maritime"], anchor.Tags);
        Assert.Contains("viewBox=\"0 0 24 20\"", File.ReadAllText(_folder.PathOf("old/itm-svg/anchor.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_of_the_whole_collection_reads_its_own_file_there_and_writes_its_svgs_apart_from_other_sets()
    {
        foreach (string style in new[] { "kawaii", "clay" })
        {
            _folder.WriteText($"collection/json/withicons-{style}.json", $$$"""
                {"prefix":"withicons-{{{style}}}","info":{"license":{"spdx":"MIT"},"category":"UI Multicolor"},
                 "icons":{"teapot":{"body":"<path fill=\"#f80\" d=\"M4 4H20V20H4Z\"/>"},"smile":{"body":"<path d=\"M4 4H20V9H4Z\"/>"}},
                 "width":24,"height":24}
                """);
        }

        string collection = _folder.PathOf("collection");
        var kawaii = new IconifyIconSet("withicons-kawaii", "2.2.553", "MIT", inCollection: true, emojiNames: StyledIconSets.FaceNames);
        var byPath = kawaii.Read(collection).ToDictionary(e => e.RelativePath);
        new IconifyIconSet("withicons-clay", "2.2.553", "MIT", inCollection: true).Read(collection);

        Assert.Equal(("@iconify/json", "2.2.553"), (kawaii.Package, kawaii.Version));
        Assert.Equal("teapot", byPath["itm-svg/withicons-kawaii/teapot.svg"].Name);
        Assert.Null(byPath["itm-svg/withicons-kawaii/teapot.svg"].ExcludedBecause);
        // A face with an expression is what emoji draw: excluded where the set says so, kept where it does not.
        Assert.Equal(IconifyIconSet.Emoji, byPath["itm-svg/withicons-kawaii/smile.svg"].ExcludedBecause);
        Assert.False(File.Exists(_folder.PathOf("collection/itm-svg/withicons-kawaii/smile.svg")));
        Assert.True(File.Exists(_folder.PathOf("collection/itm-svg/withicons-clay/smile.svg")));
        Assert.True(File.Exists(_folder.PathOf("collection/itm-svg/withicons-clay/teapot.svg")));
        // A file that holds another set is refused, naming it.
        File.Copy(_folder.PathOf("collection/json/withicons-clay.json"), _folder.PathOf("collection/json/withicons-plush.json"));
        var error = Assert.Throws<InvalidDataException>(() => new IconifyIconSet("withicons-plush", "2.2.553", "MIT", inCollection: true).Read(collection));
        Assert.Contains("withicons-plush.json' holds the set 'withicons-clay'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_styled_sets_come_from_the_collection_with_allowed_licences_and_none_of_the_other_recipes_sets()
    {
        Assert.Equal(26, StyledIconSets.All.Select(set => set.Key).Distinct().Count());
        Assert.All(StyledIconSets.All, set => Assert.Equal((IconifyIconSet.CollectionPackage, StyledIconSets.CollectionVersion), (set.Package, set.Version)));
        Assert.All(StyledIconSets.All, set => Assert.Contains(set.Licence, IconifyIconSet.AllowedLicences));
        Assert.Empty(StyledIconSets.All.Select(s => s.Key).Intersect(IconifySets.All.Select(s => s.Key).Concat(IconSets.All.Select(s => s.Key))));
        Assert.DoesNotContain(StyledIconSets.All, set => set.IsHeldOut || IconifyIconSet.EmojiPrefixes.Contains(set.Key));
    }

    [Fact]
    public void A_set_can_leave_out_its_aliases_and_categories_but_still_excludes_brands_by_category()
    {
        _folder.WriteText("codes/icons.json", """
            {"prefix":"fake","info":{"license":{"spdx":"MIT"},"category":"Thematic"},
             "icons":{"rain":{"body":"<path d=\"M4 4H20V20H4Z\"/>"},"acme":{"body":"<path d=\"M4 4H20V9H4Z\"/>"}},
             "aliases":{"owm-500":{"parent":"rain"}},"categories":{"Planning":["rain"],"Logos":["acme"]}}
            """);

        IReadOnlyList<IconEntry> entries = new IconifyIconSet("fake", "1.0.0", "MIT", useAliases: false, useCategories: false).Read(_folder.PathOf("codes"));

        IconEntry rain = entries.Single(e => e.Name == "rain");
        Assert.Empty(rain.Aliases);
        Assert.Empty(rain.Tags);
        Assert.Equal(IconifyIconSet.Brand, entries.Single(e => e.Name == "acme").ExcludedBecause);
    }

    [Theory]
    [InlineData("asteroid-bold-duotone", "asteroid-bold-duotone", "asteroid")]
    [InlineData("asteroid-linear", "asteroid", "asteroid")]
    [InlineData("allergies-outline-24px", "allergies-outline", "allergies")]
    [InlineData("arrow-left-2", "arrow-left-2", "arrow-left")]
    [InlineData("0-outline", "0", "0")]
    public void A_style_suffix_keeps_its_plain_style_words_and_the_family_is_the_bare_name(string name, string captionName, string family) =>
        Assert.Equal((captionName, family), IconifyIconSet.CaptionName(name, ["bold-duotone", "outline-24px", "outline", "linear", "bold"]));

    [Theory]
    [InlineData("ComputersDevicesElectronics", "Computers Devices Electronics")]
    [InlineData("Arrows Action", "Arrows Action")]
    [InlineData("IT", "IT")]
    public void Pascal_case_categories_become_words(string category, string words) =>
        Assert.Equal(words, IconifyIconSet.CategoryWords(category));

    [Fact]
    public void A_held_out_emoji_set_is_read_emoji_and_all_for_the_benchmark_only()
    {
        string package = IconPackageFixtures.WriteIconify(_folder, category: "Emoji");
        var heldOut = new IconifyIconSet("fake", "1.0.0", "MIT", heldOut: true);

        var byPath = heldOut.Read(package).ToDictionary(e => e.RelativePath);

        // The set's own "Emoji" category and the icon in the emoji category no longer refuse or exclude anything
        Assert.Null(byPath["itm-svg/grinning-face.svg"].ExcludedBecause);
        Assert.True(File.Exists(Path.Combine(package, "itm-svg", "grinning-face.svg")));
        Assert.Equal(IconifyIconSet.Hidden, byPath["itm-svg/old-house.svg"].ExcludedBecause);
        Assert.True(new IconifyIconSet("noto", "1.0.0", "MIT", heldOut: true).IsHeldOut);
    }

    [Fact]
    public void The_emoji_benchmark_holds_only_held_out_emoji_sets_and_no_training_recipe_holds_one()
    {
        Assert.All(EmojiSets.All, set => Assert.True(set.IsHeldOut && IconifyIconSet.EmojiPrefixes.Contains(set.Key), set.Key));
        Assert.All(EmojiSets.All, set => Assert.Contains(set.Licence, IconifyIconSet.AllowedLicences));
        Assert.DoesNotContain(IconifySets.All, set => set.IsHeldOut);
        Assert.DoesNotContain("emoji", BaseTrainingData.Parts);
        Assert.NotNull(RecipeCatalog.Find("emoji"));
    }

    [Fact]
    public void The_curated_sets_have_no_emoji_set_none_of_the_npm_sets_and_allowed_licences()
    {
        IEnumerable<string> keys = IconifySets.All.Select(s => s.Key).ToList();

        Assert.Equal(keys.Count(), keys.Distinct().Count());
        Assert.DoesNotContain(keys, IconifyIconSet.EmojiPrefixes.Contains);
        Assert.Empty(keys.Intersect(["mdi", "tabler", "lucide", "bi", "ph", "bootstrap", "phosphor"]));
        Assert.Empty(keys.Intersect(IconSets.All.Select(s => s.Key)));
        Assert.All(IconifySets.All, set => Assert.Contains(set.Licence, IconifyIconSet.AllowedLicences));
        Assert.All(IconifySets.All, set => Assert.Equal($"@iconify-json/{set.Key}", set.Package));
    }

    [Fact]
    public void The_catalogue_recipe_given_a_folder_without_a_set_names_the_missing_folder()
    {
        Directory.CreateDirectory(_folder.PathOf("packages"));

        var error = Assert.Throws<DirectoryNotFoundException>(() =>
            RecipeCatalog.Get("iconify").Prepare(new RecipeRequest(_folder.PathOf("all"), PackageDir: _folder.PathOf("packages"))));

        Assert.Contains(_folder.PathOf("packages/game-icons"), error.Message, StringComparison.Ordinal);
    }
}
