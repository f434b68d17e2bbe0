using Itm.Data.Readers;

namespace Itm.Fuzz.Targets;

/// <summary>A folder of images with a <c>captions.jsonl</c>.</summary>
public sealed class CaptionsJsonlTarget : FuzzTarget
{
    public override string Name => "captions-jsonl";

    public override string Description => $"CaptionsJsonlReader.ReadWithReport on a folder's captions.jsonl; handled: {DatasetReads.Handled}";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        string path = scratch.Write("jsonl/captions.jsonl", input);
        DatasetReads.StrictThenSkipping(options => CaptionsJsonlReader.ReadWithReport(Path.GetDirectoryName(path)!, options));
    }

    protected override bool IsHandled(Exception e) => DatasetReads.IsHandled(e);
}
