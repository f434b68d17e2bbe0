using Itm.Data;
using Itm.Data.Readers;

namespace Itm.Fuzz.Targets;

/// <summary>A COCO <c>captions_*.json</c> file.</summary>
public sealed class CocoTarget : FuzzTarget
{
    public override string Name => "coco";

    public override string Description => $"CocoCaptionsReader.ReadWithReport on captions_val2014.json; handled: {DatasetReads.Handled}";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        string path = scratch.Write("coco/annotations/captions_val2014.json", input);
        string images = Path.Combine(scratch.Folder, "coco", "val2014");
        DatasetReads.StrictThenSkipping(options => CocoCaptionsReader.ReadWithReport([new CocoSplitSource(path, images, Split.Test)], options));
    }

    protected override bool IsHandled(Exception e) => DatasetReads.IsHandled(e);
}
