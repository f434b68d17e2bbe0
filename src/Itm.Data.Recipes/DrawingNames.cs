namespace Itm.Data.Recipes;

/// <summary>The words of a drawing's file or folder name: "belly_button" → belly button, "cat1-a" → cat.</summary>
public static class DrawingNames
{
    /// <summary>
    /// The name's words, lower-cased: split at every character that is not a letter (digits included, so numbering
    /// goes), single letters dropped (a pose suffix: "cat1-a", "ballerina-b"), each word replaced by
    /// <paramref name="respell"/>'s spelling when it has one (a run-together "tennisball", an abbreviation "mic").
    /// </summary>
    public static IReadOnlyList<string> Words(string name, IReadOnlyDictionary<string, string>? respell = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        foreach (string part in Split(name.ToLowerInvariant()))
        {
            if (part.Length < 2)
                continue;
            string word = respell is not null && respell.TryGetValue(part, out string? spelled) ? spelled : part;
            if (word.Length > 0)
                words.AddRange(word.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return words;
    }

    /// <summary>The first folder of a '/'-separated relative path, a drawing's category ("Animals/cat1-a.gif" → Animals); empty for a file at the top.</summary>
    public static string FolderOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        int slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : relativePath[..slash];
    }

    private static IEnumerable<string> Split(string name)
    {
        int start = -1;
        for (int i = 0; i <= name.Length; i++)
        {
            bool letter = i < name.Length && char.IsLetter(name[i]);
            if (letter && start < 0)
                start = i;
            else if (!letter && start >= 0)
            {
                yield return name[start..i];
                start = -1;
            }
        }
    }
}
