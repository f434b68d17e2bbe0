using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class IconThemeRecipeRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private IconThemesResult Run(string root, IReadOnlyList<IconTheme> themes, int seed = 7) =>
        new IconThemesRecipe(new IconThemesOptions(_folder.PathOf($"out-{seed}"), root, themes, Seed: seed, ValFraction: 0.2, TestFraction: 0.2)).Run();

    [Fact]
    public void Keeps_coloured_drawings_once_per_real_file_with_every_linking_name_and_counts_each_file_skipped()
    {
        // Given a theme with an SVG and its links, PNGs at two sizes, symbolic, broken, mimetype, brand and one-ink icons
        string root = IconThemeFixtures.WriteFake(_folder);

        // When the recipe reads it
        IconThemesResult result = Run(root, [IconThemeFixtures.Fake]);
        IconThemeReport theme = Assert.Single(result.Report.Themes);
        var byId = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Captions.Select(c => c.Raw).ToList());

        // Then the kept drawings are the coloured ones, each under its theme, context and first name
        Assert.Equal(
            ["Fake/applications/accessories-calculator.svg", "Fake/devices/input-keyboard.png", "Fake/devices/printer.svg",
             "Fake/status/weather-showers-scattered.png"],
            byId.Keys.Order(StringComparer.Ordinal));

        // and the names linking to the printer's SVG, and the byte copy of it, are its captions beside its name and its tag sentence
        Assert.Equal(["printer", "printer, devices", "printer old", "printer copy", "printer copy, status"], byId["Fake/devices/printer.svg"]);
        Assert.Equal(["input keyboard", "keyboard, devices"], byId["Fake/devices/input-keyboard.png"]);
        Assert.Equal(["accessories calculator", "calculator, applications"], byId["Fake/applications/accessories-calculator.svg"]);
        Assert.Equal(["weather showers scattered", "weather showers scattered, status"], byId["Fake/status/weather-showers-scattered.png"]);

        // and every file is accounted for: skipped by reason, another size of a kept name, or a name
        Assert.Equal(18, theme.FilesListed);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["applicationBrand"] = 1, ["applicationId"] = 1, ["brokenLink"] = 1, ["context:mimetypes"] = 1, ["emptyName"] = 1, ["symbolic"] = 2,
            },
            theme.FilesSkipped);
        Assert.Equal((2, 9, 2, 7), (theme.OtherSizes, theme.Names, theme.AliasNames, theme.Drawings));
        Assert.Equal(new Dictionary<string, int> { ["broken"] = 1, ["duplicateDrawing"] = 1, ["monochrome"] = 1 }, theme.DrawingsSkipped);
        Assert.Equal(4, theme.Kept);
        Assert.Equal(theme.FilesListed, theme.FilesSkipped.Values.Sum() + theme.OtherSizes + theme.Names);
        Assert.Equal(theme.Drawings, theme.DrawingsSkipped.Values.Sum() + theme.Kept);
        Assert.Equal(["devices/drive-harddisk.svg"], theme.SkippedExamples["broken"]);
        Assert.Equal(["status/dialog-warning.svg"], theme.SkippedExamples["monochrome"]);

        // and the package, its licence and where the files went are in the report and under images/
        Assert.Equal(("fake-icon-theme", "public-domain", true), (theme.Package, theme.Licence, theme.Installed));
        Assert.Null(theme.Version);
        Assert.True(File.Exists(_folder.PathOf("out-7/recipe-report.json")));
        Assert.Equal(File.ReadAllBytes(_folder.PathOf("icons/Fake/scalable/devices/printer.svg")), File.ReadAllBytes(_folder.PathOf("out-7/images/Fake/devices/printer.svg")));
    }

    [Fact]
    public void Chooses_the_svg_before_any_png_and_else_the_largest_png()
    {
        string root = IconThemeFixtures.WriteFake(_folder);

        IconThemesResult result = Run(root, [IconThemeFixtures.Fake]);
        var sources = result.Dataset.Images.ToDictionary(i => i.Id, i => File.ReadAllBytes(i.ImagePath));

        Assert.Equal(File.ReadAllBytes(_folder.PathOf("icons/Fake/48x48/devices/input-keyboard.png")), sources["Fake/devices/input-keyboard.png"]);
        Assert.Equal(result.Report.SvgImages, result.Dataset.Images.Count(i => i.Id.EndsWith(".svg", StringComparison.Ordinal)));
        Assert.Equal((2, 2), (result.Report.SvgImages, result.Report.PngImages));
    }

    [Fact]
    public void An_identical_drawing_of_a_later_theme_is_merged_and_a_name_shared_by_themes_is_one_split_group()
    {
        string root = IconThemeFixtures.WriteFake(_folder);
        IconThemeFixtures.WriteOther(_folder);

        foreach (int seed in new[] { 1, 2, 3, 4, 5, 6 })
        {
            IconThemesResult result = Run(root, [IconThemeFixtures.Fake, IconThemeFixtures.Other], seed);
            var splitOf = result.Dataset.Images.ToDictionary(i => i.Id, i => i.Split);

            // Other's keyboard has Fake's pixels: one image, Fake's file, both names
            Assert.DoesNotContain("Other/devices/keyboard.png", splitOf.Keys);
            Assert.Equal(
                ["input keyboard", "keyboard, devices", "keyboard"],
                result.Dataset.Images.Single(i => i.Id == "Fake/devices/input-keyboard.png").Captions.Select(c => c.Raw));
            Assert.Equal(1, result.Report.MergedAcrossThemes);
            // Other's printer is another drawing of the same name: its own image, always in the split of Fake's
            Assert.Equal(splitOf["Fake/devices/printer.svg"], splitOf["Other/devices/printer.svg"]);
        }
    }

    [Fact]
    public void A_theme_that_is_not_installed_is_reported_with_its_install_line_and_the_others_are_read()
    {
        string root = IconThemeFixtures.WriteFake(_folder);

        IconThemesResult result = Run(root, [IconThemeFixtures.Fake, IconThemeFixtures.Absent]);

        Assert.Equal(["Absent"], result.Report.MissingThemes);
        Assert.Equal("sudo apt-get install absent-icon-theme", result.Report.InstallMissing);
        IconThemeReport absent = result.Report.Themes.Single(t => t.Theme == "Absent");
        Assert.False(absent.Installed);
        Assert.Equal(0, absent.FilesListed);
        Assert.Equal(4, result.Report.ImagesKept);
    }

    [Fact]
    public void When_no_theme_is_installed_the_error_gives_the_apt_get_line()
    {
        Directory.CreateDirectory(_folder.PathOf("empty"));

        var error = Assert.Throws<InvalidOperationException>(
            () => Run(_folder.PathOf("empty"), [IconThemeFixtures.Fake, IconThemeFixtures.Absent]));

        Assert.Contains("sudo apt-get install fake-icon-theme absent-icon-theme", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_other_than_the_system_one_is_an_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() => Run(_folder.PathOf("nowhere"), [IconThemeFixtures.Fake]));
    }

    [Fact]
    public void Same_seed_gives_the_same_dataset_json()
    {
        string root = IconThemeFixtures.WriteFake(_folder);
        IconThemeFixtures.WriteOther(_folder);
        IconTheme[] themes = [IconThemeFixtures.Fake, IconThemeFixtures.Other];

        string first = File.ReadAllText(Run(root, themes).DatasetPath);
        string second = File.ReadAllText(Run(root, themes).DatasetPath);

        Assert.Equal(first, second);
    }

    [Fact]
    public void The_catalogue_recipe_reads_the_themes_from_the_package_dir()
    {
        // The catalogue entry reads the real list of themes; a folder holding one of them under its real name stands in.
        string root = IconThemeFixtures.WriteFake(_folder);
        Directory.Move(Path.Combine(root, "Fake"), Path.Combine(root, "Tango"));

        string datasetPath = RecipeCatalog.Get("icon-themes").Prepare(new RecipeRequest(_folder.PathOf("catalogue"), PackageDir: root));

        Assert.Equal(_folder.PathOf("catalogue/dataset.json"), datasetPath);
        Assert.Contains("Tango/devices/printer.svg", File.ReadAllText(datasetPath), StringComparison.Ordinal);
    }
}
