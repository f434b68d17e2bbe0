using System.Text.Json;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class IconRecipeRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IconsResult Run(string name, IReadOnlyList<IIconSet> sets, Dictionary<string, string> packages, int seed = 7) =>
        new IconsRecipe(name, sets, new IconsOptions(_folder.PathOf($"out-{name}-{seed}"), packages, Seed: seed, ValFraction: 0.2, TestFraction: 0.2)).Run();

    [Fact]
    public void Mdi_captions_icons_from_names_aliases_and_tags_and_counts_every_skipped_icon_keeping_a_copys_name()
    {
        string package = IconPackageFixtures.WriteMdi(_folder);

        IconsResult result = Run("mdi", [new MdiIconSet()], new() { ["mdi"] = package });
        IconSetReport set = Assert.Single(result.Report.Sets);
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());

        // Then names, tags and aliases are the captions
        Assert.Equal(["account", "Account, User", "user", "person"], byId["mdi/svg/account.svg"]);
        Assert.Equal(["home", "Home Automation", "house"], byId["mdi/svg/home.svg"]);

        // and the broken SVG, the missing one, the empty and number-only names and the duplicate drawing are skipped and counted
        Assert.Equal((9, 1, 1, 2, 1, 4), (set.Listed, set.Broken, set.MissingSvg, set.NoCaption, set.DuplicateDrawings, set.Kept));
        Assert.Equal(["svg/broken-thing.svg"], set.Skipped["broken"]);
        Assert.Equal(["svg/arrow-left-bold.svg"], set.Skipped["duplicateDrawing"]);
        Assert.Equal(["arrow left", "Arrow", "arrow left bold"], byId["mdi/svg/arrow-left.svg"]);
        Assert.Equal(["svg/.svg", "svg/123.svg"], set.Skipped["noCaption"]);
        Assert.Equal(["svg/ghost.svg"], set.Skipped["missingSvg"]);
        Assert.Equal(4, result.Report.ImagesKept);

        // and the licence and version are in the report written beside dataset.json
        Assert.Equal(("@mdi/svg", "7.4.47", "Apache-2.0"), (set.Package, set.Version, set.Licence));
        string report = File.ReadAllText(Path.Combine(Path.GetDirectoryName(result.DatasetPath)!, "recipe-report.json"));
        Assert.Contains("\"licence\": \"Apache-2.0\"", report, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.PathOf("out-mdi-7/images/mdi/svg/home.svg")));
    }

    [Fact]
    public void A_name_family_stays_in_one_split_whatever_the_seed()
    {
        string package = IconPackageFixtures.WriteMdi(_folder);

        foreach (int seed in new[] { 1, 2, 3, 4, 5 })
        {
            IconsResult result = Run("mdi", [new MdiIconSet()], new() { ["mdi"] = package }, seed);
            var splitOf = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Split);
            Assert.Equal(splitOf["mdi/svg/account.svg"], splitOf["mdi/svg/account-outline.svg"]);
        }
    }

    [Fact]
    public void Split_across_styles_tests_an_icon_whose_other_style_trains()
    {
        string package = IconPackageFixtures.WriteMdi(_folder);

        IconsResult result = new IconsRecipe("mdi", [new MdiIconSet()], new IconsOptions(
            _folder.PathOf("out-styles"), new Dictionary<string, string> { ["mdi"] = package }, ValFraction: 0, TestFraction: 0.5, Split: IconSplit.AcrossStyles)).Run();

        // account and account-outline are one family: one of them is held out, the other trains
        var splitOf = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Split);
        Assert.Equal(
            [Split.Train, Split.Test],
            new[] { splitOf["mdi/svg/account.svg"], splitOf["mdi/svg/account-outline.svg"] }.Order());
        Assert.DoesNotContain(Split.Val, splitOf.Values);
    }

    [Fact]
    public void Tabler_lists_outline_and_filled_variants_with_their_tags_and_category()
    {
        string package = IconPackageFixtures.WriteTabler(_folder);

        IconsResult result = Run("tabler", [new TablerIconSet()], new() { ["tabler"] = package });
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());

        Assert.Equal(["a b", "ab test, split test, Text"], byId["tabler/icons/outline/a-b-2.svg"]);
        Assert.Equal(["heart filled", "love, like, Shapes"], byId["tabler/icons/filled/heart.svg"]);
        Assert.Equal(["heart", "love, like, Shapes"], byId["tabler/icons/outline/heart.svg"]);
        Assert.Equal("MIT", result.Report.Sets[0].Licence);
    }

    [Fact]
    public void Lucide_bootstrap_and_phosphor_read_their_own_layouts()
    {
        string lucide = IconPackageFixtures.WriteLucide(_folder);
        string phosphor = IconPackageFixtures.WritePhosphor(_folder);
        _folder.WriteText("bootstrap/icons/0-circle-fill.svg", IconPackageFixtures.Circle);
        _folder.WriteText("bootstrap/icons/alarm.svg", IconPackageFixtures.Square);

        IReadOnlyList<IconEntry> lucideIcons = new LucideIconSet().Read(lucide);
        IReadOnlyList<IconEntry> bootstrapIcons = new BootstrapIconSet().Read(_folder.PathOf("bootstrap"));
        IReadOnlyList<IconEntry> phosphorIcons = new PhosphorIconSet().Read(phosphor);

        Assert.Equal(["house", "star", "zap"], lucideIcons.Select(i => i.Name));
        Assert.Equal(["favourite", "like", "rating"], lucideIcons[1].Tags);
        Assert.Empty(lucideIcons[2].Tags);
        Assert.Equal(["0-circle-fill", "alarm"], bootstrapIcons.Select(i => i.Name));
        Assert.Equal(12, phosphorIcons.Count);
        IconEntry archiveBold = Assert.Single(phosphorIcons, i => i.Name == "archive-bold");
        Assert.Equal("assets/bold/archive-bold.svg", archiveBold.RelativePath);
        Assert.Equal(["archive-box"], archiveBold.Aliases);
        Assert.Equal(["saved", "storage"], archiveBold.Tags);
        Assert.Equal(["savings", "nut"], phosphorIcons.First(i => i.Name == "acorn").Tags);
    }

    [Fact]
    public void A_malformed_metadata_file_is_an_error_that_names_it()
    {
        string path = _folder.WriteText("bad/meta.json", "[{\"name\": ");

        var error = Assert.Throws<InvalidDataException>(() => new MdiIconSet().Read(_folder.PathOf("bad")));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_combined_recipe_merges_identical_drawings_across_sets_and_reports_each_set_with_its_licence()
    {
        var packages = new Dictionary<string, string>
        {
            ["mdi"] = IconPackageFixtures.WriteMdi(_folder),
            ["lucide"] = IconPackageFixtures.WriteLucide(_folder),
        };

        IconsResult result = Run("icons", [new MdiIconSet(), new LucideIconSet()], packages);
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());

        // lucide's house draws what mdi's home draws: one image, mdi's file, both sets' captions
        Assert.DoesNotContain("lucide/icons/house.svg", byId.Keys);
        Assert.Equal(["home", "Home Automation", "house", "home, living, building, residence, architecture"], byId["mdi/svg/home.svg"]);
        Assert.Equal(1, result.Report.MergedAcrossSets);
        Assert.Equal(4 + 3 - 1, result.Report.ImagesKept);
        Assert.Equal(
            [("mdi", "Apache-2.0", 4, 0), ("lucide", "ISC", 3, 1)],
            result.Report.Sets.Select(s => (s.Set, s.Licence, s.Kept, s.MergedIntoOtherSets)));
        Assert.Equal("icons", result.Dataset.Name);
    }

    [Fact]
    public void The_same_packages_and_seed_give_the_same_dataset_json()
    {
        string package = IconPackageFixtures.WriteTabler(_folder);

        string first = File.ReadAllText(Run("tabler", [new TablerIconSet()], new() { ["tabler"] = package }, seed: 3).DatasetPath);
        string again = File.ReadAllText(Run("tabler", [new TablerIconSet()], new() { ["tabler"] = package }, seed: 3).DatasetPath);

        Assert.Equal(first, again);
        using JsonDocument json = JsonDocument.Parse(first);
        Assert.Equal(3, json.RootElement.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public void The_catalogue_recipes_read_a_given_package_folder_and_icons_one_folder_per_set()
    {
        string mdi = IconPackageFixtures.WriteMdi(_folder, "packages/mdi");
        IconPackageFixtures.WriteTabler(_folder, "packages/tabler");
        IconPackageFixtures.WriteLucide(_folder, "packages/lucide");
        IconPackageFixtures.WritePhosphor(_folder, "packages/phosphor");
        _folder.WriteText("packages/bootstrap/icons/alarm.svg", IconPackageFixtures.Named(IconPackageFixtures.Square, "bi-alarm"));

        string single = RecipeCatalog.Get("mdi").Prepare(new RecipeRequest(_folder.PathOf("one"), PackageDir: mdi));
        string all = RecipeCatalog.Get("icons").Prepare(new RecipeRequest(_folder.PathOf("all"), PackageDir: _folder.PathOf("packages")));

        using JsonDocument one = JsonDocument.Parse(File.ReadAllText(single));
        Assert.Equal(4, one.RootElement.GetProperty("images").GetArrayLength());
        string report = File.ReadAllText(_folder.PathOf("all/recipe-report.json"));
        foreach (string licence in new[] { "Apache-2.0", "MIT", "ISC" })
            Assert.Contains($"\"licence\": \"{licence}\"", report, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.PathOf("all/images/phosphor/assets/bold/acorn-bold.svg")));
    }

    [Fact]
    public void The_combined_recipe_given_a_folder_without_a_set_names_the_missing_folder()
    {
        IconPackageFixtures.WriteMdi(_folder, "packages/mdi");

        var error = Assert.Throws<DirectoryNotFoundException>(() =>
            RecipeCatalog.Get("icons").Prepare(new RecipeRequest(_folder.PathOf("all"), PackageDir: _folder.PathOf("packages"))));

        Assert.Contains(_folder.PathOf("packages/tabler"), error.Message, StringComparison.Ordinal);
    }
}
