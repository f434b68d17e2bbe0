using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

/// <summary>Country flags captioned with the names ISO 3166 gives their codes.</summary>
public sealed class FlagRecipeRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Codes_get_the_common_name_the_official_one_when_it_differs_and_subdivisions_their_own()
    {
        CountryNames names = CountryNames.Read(WriteIsoCodes());

        Assert.Equal(("Bolivia", "Plurinational State of Bolivia"), names.Find("bo"));
        Assert.Equal(("Aruba", null), names.Find("AW"));
        Assert.Equal(("Scotland", null), names.Find("gb-sct"));
        Assert.Null(names.Find("zz"));
    }

    [Fact]
    public void A_malformed_names_file_is_named()
    {
        string dir = WriteIsoCodes();
        File.WriteAllText(Path.Combine(dir, "iso_3166-1.json"), """{"3166-1": [{"alpha_2": "AW"}]}""");

        var error = Assert.Throws<InvalidDataException>(() => CountryNames.Read(dir));

        Assert.Contains("iso_3166-1.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_four_by_three_flags_are_read_each_named_for_its_code()
    {
        string package = WriteFlagPackage();

        var entries = new CountryFlags(WriteIsoCodes()).Read(package).ToDictionary(e => Path.GetFileName(e.RelativePath));

        IconEntry bolivia = entries["bo-4x3.svg"];
        Assert.Null(bolivia.ExcludedBecause);
        Assert.Equal(("Bolivia", "bo"), (bolivia.Name, bolivia.Family));
        Assert.Equal(["Plurinational State of Bolivia"], bolivia.Aliases);
        Assert.Equal(["flag"], bolivia.Tags);
        Assert.Equal("Scotland", entries["gb-sct-4x3.svg"].Name);
        Assert.Equal("European Union", entries["eu-4x3.svg"].Name);
        Assert.Equal("square crop", entries["bo-1x1.svg"].ExcludedBecause);
        Assert.Equal("no name for the code", entries["xx-4x3.svg"].ExcludedBecause);
    }

    private string WriteIsoCodes()
    {
        _folder.WriteText("iso/iso_3166-1.json", """
            {"3166-1": [
              {"alpha_2": "AW", "name": "Aruba"},
              {"alpha_2": "BO", "common_name": "Bolivia", "name": "Bolivia, Plurinational State of", "official_name": "Plurinational State of Bolivia"}
            ]}
            """);
        _folder.WriteText("iso/iso_3166-2.json", """{"3166-2": [{"code": "GB-SCT", "name": "Scotland"}]}""");
        return _folder.PathOf("iso");
    }

    private string WriteFlagPackage()
    {
        _folder.WriteText("flag/package.json", """{"name":"@iconify-json/flag","version":"1.2.12","license":"MIT"}""");
        _folder.WriteText("flag/info.json", """{"prefix":"flag","name":"Flag Icons","total":5,"license":{"title":"MIT","spdx":"MIT"},"category":"Flags / Maps"}""");
        _folder.WriteText("flag/metadata.json", """{"suffixes":{"1x1":"1x1","4x3":"4x3"}}""");
        _folder.WriteText("flag/icons.json", """
            {
              "prefix": "flag",
              "icons": {
                "bo-1x1": {"body": "<path fill=\"red\" d=\"M0 0h512v512H0Z\"/>", "width": 512, "height": 512},
                "bo-4x3": {"body": "<path fill=\"red\" d=\"M0 0h640v160H0Z\"/><path fill=\"gold\" d=\"M0 160h640v160H0Z\"/>"},
                "gb-sct-4x3": {"body": "<path fill=\"blue\" d=\"M0 0h640v480H0Z\"/>"},
                "eu-4x3": {"body": "<path fill=\"navy\" d=\"M0 0h640v480H0Z\"/><circle cx=\"320\" cy=\"100\" r=\"20\" fill=\"gold\"/>"},
                "xx-4x3": {"body": "<path fill=\"white\" d=\"M0 0h640v480H0Z\"/><path d=\"M0 0L640 480\" stroke=\"black\"/>"}
              },
              "width": 640,
              "height": 480
            }
            """);
        return _folder.PathOf("flag");
    }
}
