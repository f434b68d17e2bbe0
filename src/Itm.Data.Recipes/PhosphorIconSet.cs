using System.Text.RegularExpressions;

namespace Itm.Data.Recipes;

/// <summary>
/// Phosphor Icons (<c>@phosphor-icons/core</c>): <c>dist/index.mjs</c> lists the icons as JavaScript objects
/// (<c>name: "acorn"</c>, <c>tags: [...]</c>, an optional <c>alias: { name: ... }</c>), read here with patterns rather than
/// a JavaScript engine; each icon is drawn in six weights, <c>assets/regular/&lt;name&gt;.svg</c> and
/// <c>assets/&lt;weight&gt;/&lt;name&gt;-&lt;weight&gt;.svg</c> (named so here, so the weight is in its captions).
/// </summary>
public sealed partial class PhosphorIconSet : IIconSet
{
    private static readonly string[] Weights = ["regular", "thin", "light", "bold", "fill", "duotone"];

    public string Key => "phosphor";

    public string Package => "@phosphor-icons/core";

    public string Version => "2.1.1";

    public string Licence => "MIT";

    public IReadOnlyList<IconEntry> Read(string packageDir)
    {
        string file = Path.Combine(packageDir, "dist", "index.mjs");
        string text = IconMetadataFile.ReadText(file);
        MatchCollection starts = IconStart().Matches(text);
        if (starts.Count == 0)
            throw new InvalidDataException($"The icon metadata file '{file}' lists no icon (no line 'name: \"...\"').");

        var entries = new List<IconEntry>();
        for (int i = 0; i < starts.Count; i++)
        {
            int end = i + 1 < starts.Count ? starts[i + 1].Index : text.Length;
            string body = text[starts[i].Index..end];
            string name = starts[i].Groups[1].Value;
            Match tagList = TagList().Match(body);
            IReadOnlyList<string> tags = tagList.Success
                ? Quoted().Matches(tagList.Groups[1].Value).Select(m => m.Groups[1].Value).Where(t => !IsMarker(t)).ToList()
                : [];
            IReadOnlyList<string> aliases = Alias().Matches(body).Select(m => m.Groups[1].Value).ToList();
            foreach (string weight in Weights)
            {
                string variant = weight == "regular" ? name : $"{name}-{weight}";
                entries.Add(new IconEntry($"assets/{weight}/{variant}.svg", variant, aliases, tags));
            }
        }

        return entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.RelativePath, StringComparer.Ordinal).ToList();
    }

    // "*new*" and "*updated*" mark what changed in a release; they say nothing about the drawing.
    private static bool IsMarker(string tag) => tag.Length > 2 && tag[0] == '*' && tag[^1] == '*';

    // An icon object's own name is indented by four spaces; an alias's name is inside "alias: { ... }" on its line.
    [GeneratedRegex(@"^ {4}name: ""([^""\\]+)""", RegexOptions.Multiline)]
    private static partial Regex IconStart();

    [GeneratedRegex(@"^ {4}tags: \[([^\]]*)\]", RegexOptions.Multiline)]
    private static partial Regex TagList();

    [GeneratedRegex(@"alias: \{ name: ""([^""\\]+)""")]
    private static partial Regex Alias();

    [GeneratedRegex(@"""([^""\\]*)""")]
    private static partial Regex Quoted();
}
