namespace Itm.Data.Recipes;

/// <summary>How often each rule of <see cref="CaptionCleaner"/> fired, for the recipe report. Not thread-safe, like the cleaner.</summary>
public sealed class CleaningCounts
{
    /// <summary>Texts that held HTML/XML tags or character entities.</summary>
    public int Markup { get; internal set; }

    public int Urls { get; internal set; }

    public int Emails { get; internal set; }

    /// <summary>Export artifacts: Perl's <c>HASH(0x...)</c> and time stamps.</summary>
    public int Artifacts { get; internal set; }

    /// <summary>Occurrences of a creator's, publisher's or rights holder's name removed from caption text.</summary>
    public int AgentNames { get; internal set; }

    /// <summary>Licence and clip-art boilerplate phrases ("public domain", "clipart by", "Open Clip Art Library"...).</summary>
    public int LicencePhrases { get; internal set; }

    /// <summary>One-word, file-name-like titles that were split into words ("arki_arrow_left" → "arki arrow left").</summary>
    public int FileNameTitlesSplit { get; internal set; }

    public int TitlesDropped { get; internal set; }

    public int DescriptionsDropped { get; internal set; }

    /// <summary>Descriptions cut to the first sentence or to the word limit.</summary>
    public int DescriptionsShortened { get; internal set; }

    /// <summary>Single keywords dropped (empty after cleaning, export artifacts, generic words); repeats are merged silently.</summary>
    public int KeywordsDropped { get; internal set; }
}
