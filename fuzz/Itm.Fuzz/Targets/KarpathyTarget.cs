using Itm.Data.Readers;

namespace Itm.Fuzz.Targets;

/// <summary>The Karpathy split JSON (<c>dataset_*.json</c>).</summary>
public sealed class KarpathyTarget : FuzzTarget
{
    public override string Name => "karpathy";

    public override string Description => $"KarpathyJson.ReadWithReport on dataset.json; handled: {DatasetReads.Handled}";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        string path = scratch.Write("karpathy/dataset.json", input);
        DatasetReads.StrictThenSkipping(options => KarpathyJson.ReadWithReport(path, options));
    }

    protected override bool IsHandled(Exception e) => DatasetReads.IsHandled(e);
}
