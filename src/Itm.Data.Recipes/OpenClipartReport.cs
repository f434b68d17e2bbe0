namespace Itm.Data.Recipes;

/// <summary>A caption found to be boilerplate, and how many file-name families carried it.</summary>
public sealed record BoilerplateCaption(string Caption, int Families);

/// <summary>
/// What <see cref="OpenClipartRecipe"/> did, rule by rule, as written to <c>recipe-report.json</c>.
/// Files flow: found → (unreadable | unparsable | parsed) → parsed files merge into distinct drawings →
/// captions are cleaned and filtered (boilerplate measured over all of them) → drawings that draw nothing are
/// dropped → drawings without a caption after cleaning, or after the boilerplate filter, get a file-name
/// caption (rescued) or are dropped → images kept. So
/// <c>ImagesKept = DistinctDrawings - Dropped</c> and
/// <c>Dropped = DrawsNothing + NoCaptionAfterCleaning + NoCaptionAfterBoilerplate - FileNameRescued</c>.
/// </summary>
/// <param name="FilesFound">SVG files under the source folder (symbolic links included).</param>
/// <param name="Unreadable">Files that could not be read (broken links, permissions).</param>
/// <param name="Unparsable">Files that are not well-formed XML (or use entities the safe parser refuses); skipped.</param>
/// <param name="DuplicateFilesMerged">Parsed files that draw the same as an earlier file (<see cref="SvgFingerprint"/>) and were merged into it.</param>
/// <param name="DistinctDrawings">Parsed files minus merged duplicates.</param>
/// <param name="DrawsNothing">Distinct drawings dropped because they have no shape at all (<see cref="SvgContent"/>): blank pictures.</param>
/// <param name="NoCaptionAfterCleaning">Drawings (that draw something) for which cleaning left no title, description or keyword.</param>
/// <param name="BoilerplateCaptionsDropped">Caption occurrences removed as boilerplate.</param>
/// <param name="BoilerplateDistinctCaptions">Different boilerplate captions.</param>
/// <param name="NoCaptionAfterBoilerplate">Drawings (that draw something) that had captions, all of them boilerplate.</param>
/// <param name="FileNameRescued">Drawings of the two counts above kept with a caption made of their file name (<see cref="FileNameFallback"/>).</param>
/// <param name="FileNameUninformative">Drawings of the two counts above whose file name had no word that says something (<see cref="FileNameFallback"/>).</param>
/// <param name="FileNameBoilerplate">Drawings of the two counts above whose file-name caption was boilerplate too.</param>
/// <param name="Dropped">Distinct drawings not kept: blank, or without a caption of their own and not rescued.</param>
/// <param name="CaptionsOverLimit">Captions left out because a drawing had more than the maximum per image.</param>
/// <param name="Groups">Near-duplicate groups among the kept images (a lone image is a group of one).</param>
/// <param name="GroupsWithVariants">Groups with two or more images.</param>
/// <param name="TopBoilerplate">The most widespread boilerplate captions, most families first.</param>
/// <param name="UnparsableFiles">Relative paths of the unparsable and unreadable files.</param>
/// <param name="Seconds">Wall-clock time of the run.</param>
public sealed record OpenClipartReport(
    string SourceDir,
    int FilesFound,
    int Unreadable,
    int Unparsable,
    int DuplicateFilesMerged,
    int DistinctDrawings,
    int DrawsNothing,
    int NoCaptionAfterCleaning,
    int BoilerplateCaptionsDropped,
    int BoilerplateDistinctCaptions,
    int NoCaptionAfterBoilerplate,
    int FileNameRescued,
    int FileNameUninformative,
    int FileNameBoilerplate,
    int Dropped,
    int CaptionsOverLimit,
    int ImagesKept,
    int Sentences,
    IReadOnlyDictionary<CaptionKind, int> SentencesByKind,
    double CaptionsPerImage,
    int Groups,
    int GroupsWithVariants,
    int LargestGroup,
    int Train,
    int Val,
    int Test,
    CleaningCounts Cleaning,
    IReadOnlyList<BoilerplateCaption> TopBoilerplate,
    IReadOnlyList<string> UnparsableFiles,
    double Seconds);
