namespace Itm.Data.Readers;

/// <summary>One COCO captions file, the folder of its images, and the split its images go to.</summary>
/// <param name="CaptionsJson">A <c>captions_*.json</c> file, e.g. <c>annotations/captions_val2014.json</c>.</param>
/// <param name="ImagesDir">The folder its <c>file_name</c>s are relative to, e.g. <c>val2014</c>.</param>
public sealed record CocoSplitSource(string CaptionsJson, string ImagesDir, Split Split);
