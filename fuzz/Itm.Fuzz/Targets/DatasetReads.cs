using Itm.Data.Readers;

namespace Itm.Fuzz.Targets;

/// <summary>How the dataset targets drive a reader: as a user would, strict first, then skipping bad items when the
/// strict error says SkipInvalid would skip it. Image files are not checked: the fuzzer makes captions, not images.</summary>
internal static class DatasetReads
{
    public const string Handled = "DatasetFormatException (names the file, line or item)";

    public static void StrictThenSkipping(Func<DatasetReadOptions, DatasetReadResult> read)
    {
        var strict = new DatasetReadOptions { CheckImagesExist = false };
        try
        {
            read(strict);
        }
        catch (DatasetFormatException e) when (e.Reason is not null)
        {
            read(strict with { SkipInvalid = true });
        }
    }

    public static bool IsHandled(Exception e) => e is DatasetFormatException;
}
