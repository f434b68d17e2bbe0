namespace Itm.Data.Recipes;

/// <summary>What <see cref="TuxPaintRecipe"/> did, as written to <c>recipe-report.json</c>.</summary>
/// <param name="ImageFilesFound">Every .png and .svg under the source folder.</param>
/// <param name="MirrorImagesSkipped">"NAME_mirror.png" files beside a stamp NAME: Tux Paint's hand-drawn mirror image of that stamp, not a stamp of its own.</param>
/// <param name="Stamps">Distinct stamps (folder + name without extension) left.</param>
/// <param name="PngReplacedBySvg">Stamps that ship both an SVG and a PNG; the SVG is used, as Tux Paint itself does when built with SVG support.</param>
/// <param name="WithEnglish">Stamps whose .txt has an English first line.</param>
/// <param name="NoDescriptionFile">Stamps without a .txt beside them.</param>
/// <param name="NoEnglishLine">Stamps whose .txt has no usable English line (empty, or only translations).</param>
/// <param name="DescriptionsWithoutImage">.txt files with no stamp image of the same name (ignored).</param>
/// <param name="BoilerplateCaptionsDropped">English descriptions dropped because stamps of many different families share them.</param>
/// <param name="FileNameRescued">Stamps without a usable description that got a caption made of their file name's words.</param>
/// <param name="FileNameUninformative">Stamps without a usable description whose file name said nothing.</param>
/// <param name="FileNameBoilerplate">Stamps without a usable description whose file-name caption was boilerplate itself.</param>
/// <param name="Dropped">Stamps left without any caption, so not in the dataset; <see cref="DroppedStamps"/> names them.</param>
public sealed record TuxPaintReport(
    string SourceDir,
    int ImageFilesFound,
    int MirrorImagesSkipped,
    int Stamps,
    int PngReplacedBySvg,
    int SvgStamps,
    int PngStamps,
    int WithEnglish,
    int NoDescriptionFile,
    int NoEnglishLine,
    int DescriptionsWithoutImage,
    int BoilerplateCaptionsDropped,
    int BoilerplateDistinctCaptions,
    int FileNameRescued,
    int FileNameUninformative,
    int FileNameBoilerplate,
    int Dropped,
    int ImagesKept,
    int Sentences,
    double CaptionsPerImage,
    int Groups,
    int GroupsWithVariants,
    int LargestGroup,
    int Train,
    int Val,
    int Test,
    IReadOnlyList<BoilerplateCaption> TopBoilerplate,
    IReadOnlyList<string> DroppedStamps,
    double Seconds);
