namespace Itm.Index.Scanning;

/// <summary>
/// Git's glob matcher (wildmatch.c), ported step for step so that an .itmignore means what the same .gitignore means
/// to git: <c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>[!a]</c>/<c>[^a]</c>, <c>[[:alpha:]]</c> classes, <c>\</c> escapes, and
/// <c>**</c> as a whole path part (<c>**/</c>, <c>/**</c>, <c>/**/</c>). A malformed bracket (unclosed <c>[</c>, an unknown
/// class) makes the pattern match nothing, as in git. Characters are compared as UTF-16 code units where git compares
/// bytes: the two agree on ASCII names, and here <c>?</c> matches one non-ASCII letter where git would need one per byte.
/// </summary>
internal static class Wildmatch
{
    private enum Result
    {
        Match,
        NoMatch,

        // The pattern cannot match the rest of the text at any later start: stop trying.
        AbortAll,

        // A '*' reached a '/' it cannot cross: only an enclosing "**" may try further.
        AbortToStarStar,
    }

    /// <param name="pathname">Whether '*', '?' and brackets stop at '/' (git's WM_PATHNAME): true for paths, false for a single name.</param>
    public static bool IsMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool pathname) =>
        Match(pattern, text, pathname) == Result.Match;

    /// <summary>Characters that make a pattern more than a literal string (git's GIT_GLOB_SPECIAL).</summary>
    public static bool IsSpecial(char c) => c is '*' or '?' or '[' or '\\';

    /// <summary>How many leading characters of <paramref name="pattern"/> are plain text (git's simple_length).</summary>
    public static int LiteralPrefixLength(ReadOnlySpan<char> pattern)
    {
        int length = 0;
        while (length < pattern.Length && !IsSpecial(pattern[length]))
        {
            length++;
        }

        return length;
    }

    // Past the end reads as NUL, as the C code reads its terminator: the bounds checks below then mirror git's.
    private static char At(ReadOnlySpan<char> s, int i) => i < s.Length ? s[i] : '\0';

    private static Result Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text, bool pathname)
    {
        int p = 0;
        int t = 0;
        for (; p < pattern.Length; t++, p++)
        {
            char pc = pattern[p];
            char tc = At(text, t);
            if (t >= text.Length && pc != '*')
            {
                return Result.AbortAll;
            }

            switch (pc)
            {
                case '\\':
                    // The next character literally; a trailing '\' matches nothing.
                    if (tc != At(pattern, ++p))
                    {
                        return Result.NoMatch;
                    }

                    continue;
                case '?':
                    if (pathname && tc == '/')
                    {
                        return Result.NoMatch;
                    }

                    continue;
                case '*':
                    var star = MatchStar(pattern, ref p, text, ref t, pathname);
                    if (star is { } done)
                    {
                        return done;
                    }

                    // "*/" consumed up to the next '/' of the text; the loop steps over both slashes.
                    continue;
                case '[':
                    var bracket = MatchBracket(pattern, ref p, tc);
                    if (bracket != Result.Match)
                    {
                        return bracket;
                    }

                    if (pathname && tc == '/')
                    {
                        return Result.NoMatch;
                    }

                    continue;
                default:
                    if (tc != pc)
                    {
                        return Result.NoMatch;
                    }

                    continue;
            }
        }

        return t < text.Length ? Result.NoMatch : Result.Match;
    }

    /// <summary>
    /// A run of stars at <paramref name="p"/>: the result of the whole match, or null when "*/" matched one path part
    /// (then <paramref name="p"/> and <paramref name="t"/> sit on the two slashes).
    /// </summary>
    private static Result? MatchStar(ReadOnlySpan<char> pattern, ref int p, ReadOnlySpan<char> text, ref int t, bool pathname)
    {
        bool matchSlash;
        if (At(pattern, p + 1) == '*')
        {
            int before = p - 1;
            p++;
            while (At(pattern, p + 1) == '*')
            {
                p++;
            }

            p++;

            // "**" is special only as a whole path part; elsewhere it is one '*'.
            if ((before < 0 || pattern[before] == '/') &&
                (p == pattern.Length || pattern[p] == '/' || (pattern[p] == '\\' && At(pattern, p + 1) == '/')))
            {
                // "**/" may match no folder at all: "a/**/b" matches "a/b".
                if (At(pattern, p) == '/' && Match(pattern[(p + 1)..], text[t..], pathname) == Result.Match)
                {
                    return Result.Match;
                }

                matchSlash = true;
            }
            else
            {
                matchSlash = !pathname;
            }
        }
        else
        {
            p++;
            matchSlash = !pathname;
        }

        if (p == pattern.Length)
        {
            // A trailing "**" matches everything; a trailing '*' only what has no more slashes.
            return !matchSlash && text[t..].Contains('/') ? Result.NoMatch : Result.Match;
        }

        if (!matchSlash && pattern[p] == '/')
        {
            // One '*' then '/': it matches the rest of this path part.
            int slash = text[t..].IndexOf('/');
            if (slash < 0)
            {
                return Result.NoMatch;
            }

            t += slash;
            return null;
        }

        for (; t < text.Length; t++)
        {
            // Skip ahead to the next place the literal after the star could start (not past a '/' it cannot cross).
            if (!IsSpecial(pattern[p]))
            {
                char literal = pattern[p];
                while (t < text.Length && (matchSlash || text[t] != '/') && text[t] != literal)
                {
                    t++;
                }

                if (t == text.Length || text[t] != literal)
                {
                    return matchSlash ? Result.AbortAll : Result.AbortToStarStar;
                }
            }

            char tc = text[t];

            var rest = Match(pattern[p..], text[t..], pathname);
            if (rest != Result.NoMatch)
            {
                if (!matchSlash || rest != Result.AbortToStarStar)
                {
                    return rest;
                }
            }
            else if (!matchSlash && tc == '/')
            {
                return Result.AbortToStarStar;
            }
        }

        return Result.AbortAll;
    }

    /// <summary>
    /// A bracket expression at <paramref name="p"/> against <paramref name="tc"/>: Match when it matches (then
    /// <paramref name="p"/> sits on its ']'), NoMatch when it does not, AbortAll when it is malformed.
    /// </summary>
    private static Result MatchBracket(ReadOnlySpan<char> pattern, ref int p, char tc)
    {
        char pc = At(pattern, ++p);
        bool negated = pc is '!' or '^';
        if (negated)
        {
            pc = At(pattern, ++p);
        }

        char previous = '\0';
        bool matched = false;

        // The first character may be ']' itself: the test for the closing one comes after it.
        do
        {
            if (pc == '\0')
            {
                return Result.AbortAll;
            }

            if (pc == '\\')
            {
                pc = At(pattern, ++p);
                if (pc == '\0')
                {
                    return Result.AbortAll;
                }

                matched |= tc == pc;
            }
            else if (pc == '-' && previous != '\0' && At(pattern, p + 1) != '\0' && At(pattern, p + 1) != ']')
            {
                pc = At(pattern, ++p);
                if (pc == '\\')
                {
                    pc = At(pattern, ++p);
                    if (pc == '\0')
                    {
                        return Result.AbortAll;
                    }
                }

                matched |= tc >= previous && tc <= pc;

                // A range's end cannot start another range.
                pc = '\0';
            }
            else if (pc == '[' && At(pattern, p + 1) == ':')
            {
                int start = p + 2;
                int end = start;
                while (At(pattern, end) is not ('\0' or ']'))
                {
                    end++;
                }

                if (At(pattern, end) == '\0')
                {
                    return Result.AbortAll;
                }

                if (end - start < 1 || pattern[end - 1] != ':')
                {
                    // No ":]": the '[' is an ordinary member.
                    matched |= tc == '[';
                }
                else
                {
                    if (InClass(pattern[start..(end - 1)], tc) is not { } inClass)
                    {
                        return Result.AbortAll;
                    }

                    matched |= inClass;
                    p = end;
                    pc = '\0';
                }
            }
            else
            {
                matched |= tc == pc;
            }

            previous = pc;
            pc = At(pattern, ++p);
        }
        while (pc != ']');

        return matched == negated ? Result.NoMatch : Result.Match;
    }

    /// <summary>Whether <paramref name="c"/> is in the POSIX class (ASCII only, as git's); null for an unknown class.</summary>
    private static bool? InClass(ReadOnlySpan<char> name, char c) => name switch
    {
        "alnum" => char.IsAsciiLetterOrDigit(c),
        "alpha" => char.IsAsciiLetter(c),
        "blank" => c is ' ' or '\t',
        "cntrl" => c < ' ' || c == '\x7f',
        "digit" => char.IsAsciiDigit(c),
        "graph" => c is > ' ' and < '\x7f',
        "lower" => char.IsAsciiLetterLower(c),
        "print" => c is >= ' ' and < '\x7f',
        "punct" => c is > ' ' and < '\x7f' && !char.IsAsciiLetterOrDigit(c),
        "space" => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f',
        "upper" => char.IsAsciiLetterUpper(c),
        "xdigit" => char.IsAsciiHexDigit(c),
        _ => null,
    };
}
