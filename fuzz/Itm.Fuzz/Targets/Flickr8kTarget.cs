using Itm.Data.Readers;

namespace Itm.Fuzz.Targets;

/// <summary>
/// Flickr8k's token file and split lists. The input is the token file; a part after the first NUL byte, when there
/// is one, is the train list (so the list reader is fuzzed too); the val and test lists are empty.
/// </summary>
public sealed class Flickr8kTarget : FuzzTarget
{
    public override string Name => "flickr8k";

    public override string Description =>
        $"Flickr8kReader.ReadWithReport on Flickr8k.token.txt (before the first NUL byte) and the train list (after it); handled: {DatasetReads.Handled}";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        int nul = Array.IndexOf(input, (byte)0);
        var tokens = nul < 0 ? input : input.AsSpan(0, nul);
        var train = nul < 0 ? [] : input.AsSpan(nul + 1);
        string tokenFile = scratch.Write("flickr8k/" + Flickr8kReader.TokenFileName, tokens);
        string trainList = scratch.Write("flickr8k/" + Flickr8kReader.TrainListFileName, train);
        string valList = scratch.Write("flickr8k/" + Flickr8kReader.ValListFileName, []);
        string testList = scratch.Write("flickr8k/" + Flickr8kReader.TestListFileName, []);
        string images = Path.Combine(scratch.Folder, "flickr8k", "Flicker8k_Dataset");
        DatasetReads.StrictThenSkipping(options => Flickr8kReader.ReadWithReport(tokenFile, images, trainList, valList, testList, options));
    }

    protected override bool IsHandled(Exception e) => DatasetReads.IsHandled(e);
}
