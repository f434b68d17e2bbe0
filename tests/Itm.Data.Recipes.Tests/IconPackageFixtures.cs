using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

/// <summary>Tiny fake npm icon packages, in the real packages' layouts and metadata formats, written into a test folder.</summary>
internal static class IconPackageFixtures
{
    public const string Square = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 4H20V20H4Z"/></svg>""";

    public const string Triangle = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 2L22 22H2Z"/></svg>""";

    public const string Circle = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="8"/></svg>""";

    public const string Cross = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 4L20 20M20 4L4 20" stroke="black"/></svg>""";

    public const string NotXml = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 4H20""";

    /// <summary>A drawing of <paramref name="shape"/> with the root id and class an icon set stamps its name into.</summary>
    public static string Named(string shape, string id) => shape.Replace("<svg ", $"<svg id=\"{id}\" class=\"icon {id}\" ", StringComparison.Ordinal);

    /// <summary>
    /// @mdi/svg: meta.json and svg/. account and account-outline are good; home has an alias; arrow-left-bold is drawn like
    /// arrow-left (a duplicate); broken-thing is not XML; an entry with an empty name; "123" has only a number for a name;
    /// ghost has no SVG.
    /// </summary>
    public static string WriteMdi(TempDataFolder folder, string root = "mdi")
    {
        folder.WriteText($"{root}/package.json", """{"name":"@mdi/svg","version":"7.4.47","license":"Apache-2.0"}""");
        folder.WriteText($"{root}/meta.json", """
            [
              {"id":"A1","baseIconId":"A1","name":"account","codepoint":"F0004","aliases":["user","person"],"tags":["Account / User"],"styles":[],"author":"Google","version":"1.5.54","deprecated":false},
              {"id":"A2","baseIconId":"A1","name":"account-outline","codepoint":"F0013","aliases":["user-outline"],"tags":["Account / User"],"styles":["outline"],"author":"Google","version":"1.5.54","deprecated":false},
              {"id":"A3","baseIconId":"A3","name":"arrow-left","codepoint":"F004D","aliases":[],"tags":["Arrow"],"styles":[],"author":"Google","version":"1.5.54","deprecated":false},
              {"id":"A4","baseIconId":"A3","name":"arrow-left-bold","codepoint":"F0731","aliases":[],"tags":["Arrow"],"styles":[],"author":"Austin Andrews","version":"2.0.46","deprecated":false},
              {"id":"A5","baseIconId":"A5","name":"home","codepoint":"F02DC","aliases":["house"],"tags":["Home Automation"],"styles":[],"author":"Google","version":"1.5.54","deprecated":false},
              {"id":"A6","baseIconId":"A6","name":"broken-thing","codepoint":"F0001","aliases":[],"tags":[],"styles":[],"author":"x","version":"1.0.0","deprecated":false},
              {"id":"A7","baseIconId":"A7","name":"","codepoint":"F0002","aliases":[],"tags":[],"styles":[],"author":"x","version":"1.0.0","deprecated":false},
              {"id":"A8","baseIconId":"A8","name":"123","codepoint":"F0003","aliases":[],"tags":["42"],"styles":[],"author":"x","version":"1.0.0","deprecated":false},
              {"id":"A9","baseIconId":"A9","name":"ghost","codepoint":"F0005","aliases":[],"tags":[],"styles":[],"author":"x","version":"1.0.0","deprecated":false}
            ]
            """);
        folder.WriteText($"{root}/svg/account.svg", Named(Circle, "mdi-account"));
        folder.WriteText($"{root}/svg/account-outline.svg", Named(Cross, "mdi-account-outline"));
        folder.WriteText($"{root}/svg/arrow-left.svg", Named(Triangle, "mdi-arrow-left"));
        folder.WriteText($"{root}/svg/arrow-left-bold.svg", Named(Triangle, "mdi-arrow-left-bold"));
        folder.WriteText($"{root}/svg/home.svg", Named(Square, "mdi-home"));
        folder.WriteText($"{root}/svg/broken-thing.svg", NotXml);
        folder.WriteText($"{root}/svg/.svg", Named(Square.Replace("M4 4", "M5 5", StringComparison.Ordinal), "mdi-"));
        folder.WriteText($"{root}/svg/123.svg", Named(Cross.Replace("M4 4", "M6 6", StringComparison.Ordinal), "mdi-123"));
        return folder.PathOf(root);
    }

    /// <summary>lucide-static: tags.json and icons/; house is drawn exactly like mdi's home (ids and classes aside).</summary>
    public static string WriteLucide(TempDataFolder folder, string root = "lucide")
    {
        folder.WriteText($"{root}/package.json", """{"name":"lucide-static","version":"1.62.0","license":"ISC"}""");
        folder.WriteText($"{root}/tags.json", """
            {
              "house": ["home", "living", "building", "residence", "architecture"],
              "star": ["favourite", "like", "rating"]
            }
            """);
        folder.WriteText($"{root}/icons/house.svg", "<!-- @license lucide-static v1.62.0 - ISC -->\n" + Named(Square, "lucide-house"));
        folder.WriteText($"{root}/icons/star.svg", Named(Cross.Replace("M4 4", "M7 7", StringComparison.Ordinal), "lucide-star"));
        folder.WriteText($"{root}/icons/zap.svg", Named(Circle.Replace("r=\"8\"", "r=\"5\"", StringComparison.Ordinal), "lucide-zap"));
        return folder.PathOf(root);
    }

    /// <summary>@tabler/icons: icons.json and icons/outline, icons/filled.</summary>
    public static string WriteTabler(TempDataFolder folder, string root = "tabler")
    {
        folder.WriteText($"{root}/package.json", """{"name":"@tabler/icons","version":"3.52.0","license":"MIT"}""");
        folder.WriteText($"{root}/icons.json", """
            {
              "a-b-2": {"name":"a-b-2","category":"Text","tags":["ab-test","split-test","a","b"],"styles":{"outline":{"version":"1.76","unicode":"f25f"}}},
              "heart": {"name":"heart","category":"Shapes","tags":["love","like"],"styles":{"outline":{"version":"1.0","unicode":"eabe"},"filled":{"version":"2.0","unicode":"f67c"}}}
            }
            """);
        folder.WriteText($"{root}/icons/outline/a-b-2.svg", Square);
        folder.WriteText($"{root}/icons/outline/heart.svg", Circle);
        folder.WriteText($"{root}/icons/filled/heart.svg", Triangle);
        return folder.PathOf(root);
    }

    /// <summary>@phosphor-icons/core: dist/index.mjs as the package writes it, and assets/&lt;weight&gt;/.</summary>
    public static string WritePhosphor(TempDataFolder folder, string root = "phosphor")
    {
        folder.WriteText($"{root}/package.json", """{"name":"@phosphor-icons/core","version":"2.1.1","license":"MIT"}""");
        folder.WriteText($"{root}/dist/index.mjs", """
            var t = /* @__PURE__ */ ((i) => (i.REGULAR = "regular", i.BOLD = "bold", i))(t || {});
            const n = [
              {
                name: "acorn",
                pascal_name: "Acorn",
                categories: [e.FINANCE, e.NATURE],
                figma_category: a.WEATHER,
                tags: [
                  "*new*",
                  "savings",
                  "nut"
                ],
                codepoint: 60314,
                published_in: 2.1,
                updated_in: 2.1
              },
              {
                name: "archive",
                pascal_name: "Archive",
                alias: { name: "archive-box", pascal_name: "ArchiveBox" },
                categories: [e.OFFICE],
                figma_category: a.OFFICE,
                tags: ["saved", "storage"],
                codepoint: 59128,
                published_in: 1.0,
                updated_in: 2.0
              }
            ];
            export { n as icons };
            """);
        string[] weights = ["regular", "thin", "light", "bold", "fill", "duotone"];
        string[] shapes = [Square, Triangle, Circle, Cross];
        int k = 0;
        foreach (string weight in weights)
        {
            foreach (string name in new[] { "acorn", "archive" })
            {
                string file = weight == "regular" ? name : $"{name}-{weight}";
                string shape = shapes[k % shapes.Length].Replace("24 24", $"24 {24 + k}", StringComparison.Ordinal);
                folder.WriteText($"{root}/assets/{weight}/{file}.svg", shape);
                k++;
            }
        }

        return folder.PathOf(root);
    }

    /// <summary>
    /// An @iconify-json package in the current layout (icons.json, info.json, metadata.json; no SVG files): house, its bold
    /// style, a plain alias "home" (and "home-flipped", which flips it, and "house2x-outline", an old @2x file name) and the
    /// categories "Buildings" and "Others"; tent in solar's "linear" style; wide-arrow with a width of its own; "7-bold", a
    /// digit in bold; old-house hidden; grinning-face in an "Emoji" category.
    /// </summary>
    public static string WriteIconify(TempDataFolder folder, string root = "fake", string licence = "MIT", string category = "Thematic")
    {
        folder.WriteText($"{root}/package.json", """{"name":"@iconify-json/fake","version":"1.0.0","license":"MIT"}""");
        folder.WriteText($"{root}/info.json", $$"""
            {"prefix":"fake","name":"Fake","total":5,"license":{"title":"{{licence}}","spdx":"{{licence}}"},"height":24,"category":"{{category}}"}
            """);
        folder.WriteText($"{root}/metadata.json", """
            {"categories":{"Buildings":["house","house-bold","old-house"],"Emoji":["grinning-face"],"Others":["house"]},"suffixes":{"":"Regular","bold":"Bold","linear":"Linear"}}
            """);
        folder.WriteText($"{root}/icons.json", """
            {
              "prefix": "fake",
              "icons": {
                "house": {"body": "<path d=\"M4 4H20V20H4Z\"/>"},
                "house-bold": {"body": "<path d=\"M2 2H22V22H2Z\" fill=\"currentColor\"/>"},
                "tent-linear": {"body": "<path d=\"M12 2L22 22H2Z\"/>"},
                "wide-arrow": {"body": "<path d=\"M0 8H40V16H0Z\"/>", "width": 48},
                "7-bold": {"body": "<path d=\"M6 4H18L10 20\" stroke=\"black\"/>"},
                "old-house": {"body": "<path d=\"M5 5H19V19H5Z\"/>", "hidden": true},
                "grinning-face": {"body": "<circle cx=\"12\" cy=\"12\" r=\"10\"/>"}
              },
              "aliases": {"home": {"parent": "house"}, "home-flipped": {"parent": "house", "hFlip": true}, "house2x-outline": {"parent": "house"}},
              "lastModified": 1700000000,
              "width": 24,
              "height": 24
            }
            """);
        return folder.PathOf(root);
    }
}
