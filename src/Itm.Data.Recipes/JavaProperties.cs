using System.Globalization;
using System.Text;

namespace Itm.Data.Recipes;

/// <summary>
/// Reads a Java <c>.properties</c> file (ISO-8859-1 text: <c>key=value</c>, <c>key: value</c> or <c>key value</c> lines,
/// <c>#</c> and <c>!</c> comments, a trailing backslash continuing a line, <c>\uXXXX</c> and the usual escapes), as
/// Sweet Home 3D's furniture catalogues are written.
/// </summary>
internal static class JavaProperties
{
    /// <summary>The keys and values, the last one winning for a key given twice.</summary>
    public static Dictionary<string, string> Parse(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return Parse(reader.ReadToEnd());
    }

    public static Dictionary<string, string> Parse(string text)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in LogicalLines(text))
        {
            string trimmed = line.TrimStart(' ', '\t', '\f');
            if (trimmed.Length == 0 || trimmed[0] is '#' or '!')
                continue;
            int end = 0;
            while (end < trimmed.Length && !(trimmed[end] is '=' or ':' or ' ' or '\t' or '\f' && !Escaped(trimmed, end)))
                end++;
            string key = Unescape(trimmed[..end]);
            int value = end;
            while (value < trimmed.Length && trimmed[value] is ' ' or '\t' or '\f')
                value++;
            if (value < trimmed.Length && trimmed[value] is '=' or ':')
                value++;
            while (value < trimmed.Length && trimmed[value] is ' ' or '\t' or '\f')
                value++;
            properties[key] = Unescape(trimmed[value..]);
        }

        return properties;
    }

    /// <summary>The file's lines with continuations joined (a line ending in an odd number of backslashes goes on).</summary>
    private static IEnumerable<string> LogicalLines(string text)
    {
        var current = new StringBuilder();
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (current.Length > 0)
                line = line.TrimStart(' ', '\t', '\f');
            int slashes = line.Length - line.TrimEnd('\\').Length;
            if (slashes % 2 == 1)
            {
                current.Append(line, 0, line.Length - 1);
                continue;
            }

            current.Append(line);
            yield return current.ToString();
            current.Clear();
        }

        if (current.Length > 0)
            yield return current.ToString();
    }

    private static bool Escaped(string text, int index)
    {
        int slashes = 0;
        for (int i = index - 1; i >= 0 && text[i] == '\\'; i--)
            slashes++;
        return slashes % 2 == 1;
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
            return text;
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\' || i + 1 == text.Length)
            {
                result.Append(c);
                continue;
            }

            char next = text[++i];
            if (next == 'u' && i + 4 < text.Length
                && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
            {
                result.Append((char)code);
                i += 4;
                continue;
            }

            result.Append(next switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'f' => '\f', _ => next });
        }

        return result.ToString();
    }
}
