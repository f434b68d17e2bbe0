namespace Itm.Index.Scanning;

/// <summary>
/// One rule of an .itmignore file (or one <c>--exclude</c>), in gitignore syntax (gitignore(5)), parsed and matched as
/// git 2.39 does:
/// <list type="bullet">
/// <item>a blank line, or one starting with <c>#</c>, is no rule; <c>\#</c> and <c>\!</c> start a rule with a literal
/// <c>#</c> or <c>!</c>; trailing spaces are dropped unless escaped (<c>\ </c>);</item>
/// <item>a leading <c>!</c> negates: a path it matches is included again, unless a folder above it is excluded (the scan
/// never enters an excluded folder, so nothing under it can come back);</item>
/// <item>a trailing <c>/</c> matches folders only;</item>
/// <item>with no other <c>/</c>, the pattern matches a name at any depth below the rule's folder; with a <c>/</c> at the
/// start or in the middle, it matches the path from the rule's folder (a leading <c>/</c> only anchors);</item>
/// <item>the glob itself is <see cref="Wildmatch"/>'s: <c>*</c> and <c>?</c> stay within a path part, <c>**</c> as a
/// whole part spans any number of them.</item>
/// </list>
/// Matching is case-sensitive, as git's on Linux.
/// </summary>
public sealed class IgnorePattern
{
    private readonly string glob;
    private readonly int literalPrefix;

    private IgnorePattern(string text, string glob, bool negated, bool directoryOnly, bool anyDepth)
    {
        Text = text;
        this.glob = glob;
        IsNegated = negated;
        DirectoryOnly = directoryOnly;
        MatchesAtAnyDepth = anyDepth;
        literalPrefix = Wildmatch.LiteralPrefixLength(glob);
    }

    /// <summary>The rule as written, trailing spaces dropped.</summary>
    public string Text { get; }

    /// <summary>A <c>!</c> rule: what it matches is included again.</summary>
    public bool IsNegated { get; }

    /// <summary>A rule with a trailing <c>/</c>: it matches folders, never files.</summary>
    public bool DirectoryOnly { get; }

    /// <summary>A rule with no <c>/</c> but a trailing one: it matches a name at any depth, not a path from the rule's folder.</summary>
    public bool MatchesAtAnyDepth { get; }

    /// <summary>The rule on one line of an ignore file; null for a blank line or a comment, which are no rules.</summary>
    public static IgnorePattern? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.EndsWith('\r'))
        {
            line = line[..^1];
        }

        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        string text = line[..TrimmedLength(line)];
        bool negated = text.StartsWith('!');
        string body = negated ? text[1..] : text;
        bool directoryOnly = body.EndsWith('/');
        if (directoryOnly)
        {
            body = body[..^1];
        }

        // "!", "/" or only spaces: git keeps such a rule, but it can match no name.
        if (body.Length == 0)
        {
            return null;
        }

        bool anyDepth = !body.Contains('/');

        // Anchored rules match from the rule's folder, so the leading '/' (git strips one) has done its work.
        string glob = !anyDepth && body.StartsWith('/') ? body[1..] : body;
        return new IgnorePattern(text, glob, negated, directoryOnly, anyDepth);
    }

    /// <summary>Whether the rule matches a file or folder (not whether it is ignored: see <see cref="IsNegated"/>).</summary>
    /// <param name="path">Relative to the folder of the rule's ignore file, '/' separated, no leading or trailing '/'.</param>
    public bool Matches(ReadOnlySpan<char> path, bool isDirectory)
    {
        if (DirectoryOnly && !isDirectory)
        {
            return false;
        }

        if (MatchesAtAnyDepth)
        {
            var name = path[(path.LastIndexOf('/') + 1)..];
            return literalPrefix == glob.Length ? name.SequenceEqual(glob) : Wildmatch.IsMatch(glob, name, pathname: false);
        }

        // As git's match_pathname: the literal head is compared as text, and the rest is matched as a pattern of its
        // own (so a "**" right after the head counts as a whole path part there, as it does in git).
        if (path.Length < literalPrefix || !path[..literalPrefix].SequenceEqual(glob.AsSpan(0, literalPrefix)))
        {
            return false;
        }

        return literalPrefix == glob.Length
            ? path.Length == literalPrefix
            : Wildmatch.IsMatch(glob.AsSpan(literalPrefix), path[literalPrefix..], pathname: true);
    }

    public override string ToString() => Text;

    /// <summary>The line's length without its trailing spaces, an escaped one ("\ ") kept (git's trim_trailing_spaces).</summary>
    private static int TrimmedLength(string line)
    {
        int? firstTrailingSpace = null;
        for (int i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case ' ':
                    firstTrailingSpace ??= i;
                    break;
                case '\\':
                    if (++i == line.Length)
                    {
                        return line.Length;
                    }

                    firstTrailingSpace = null;
                    break;
                default:
                    firstTrailingSpace = null;
                    break;
            }
        }

        return firstTrailingSpace ?? line.Length;
    }
}
