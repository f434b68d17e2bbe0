namespace Itm.Data.Readers;

/// <summary>
/// Why a reader left an image or a caption out. The first group are bad input: they throw a
/// <see cref="DatasetFormatException"/> unless <see cref="DatasetReadOptions.SkipInvalid"/> is set.
/// The last two describe the data rather than a mistake in it, so they are always counted, never thrown.
/// </summary>
public enum SkipReason
{
    /// <summary>The image file named by the dataset does not exist.</summary>
    MissingImageFile,

    /// <summary>A record has a missing field, a field of the wrong type, an unknown split, or a line that is not valid JSON.</summary>
    InvalidRecord,

    /// <summary>A caption is empty, only whitespace, or has no words once tokenized.</summary>
    EmptyCaption,

    /// <summary>A caption is longer than <see cref="DatasetReadOptions.MaxCaptionChars"/>.</summary>
    CaptionTooLong,

    /// <summary>An image id (or a Flickr8k file name in two split lists) appears more than once.</summary>
    DuplicateImageId,

    /// <summary>A sentence id appears more than once.</summary>
    DuplicateSentenceId,

    /// <summary>An image path leaves the data folder (<c>../</c>, or an absolute path elsewhere).</summary>
    PathOutsideRoot,

    /// <summary>An image ended up with no caption at all (none given, or all of them skipped). Always counted.</summary>
    NoCaptions,

    /// <summary>A Flickr8k image that none of the three split lists names. Always counted.</summary>
    NotInAnySplit,
}
