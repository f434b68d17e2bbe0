using Itm.Index.Captions;

namespace Itm.Fuzz.Targets;

/// <summary>The plain-text captions file of <c>itm index --captions</c> (one sentence a line).</summary>
public sealed class CaptionCorpusTarget : FuzzTarget
{
    public override string Name => "caption-corpus";

    public override string Description => "CaptionCorpus.Read on captions.txt; handled: InvalidDataException (names the file: no sentences)";

    protected override void Feed(byte[] input, Scratch scratch) => CaptionCorpus.Read(scratch.Write("corpus/captions.txt", input));

    protected override bool IsHandled(Exception e) => e is InvalidDataException;
}
