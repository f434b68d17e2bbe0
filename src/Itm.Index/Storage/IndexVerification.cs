namespace Itm.Index.Storage;

/// <summary>What a full check of an index folder found (<see cref="IndexVerifier"/>).</summary>
/// <param name="Problems">One sentence per damaged file or block, naming it; empty when the index is whole.</param>
/// <param name="BlocksChecked">Vector file blocks whose checksums were compared.</param>
/// <param name="BytesChecked">Bytes read and hashed: vector rows and saved graphs.</param>
/// <param name="Checksummed">False for an index written before checksums were kept: only the catalog could be checked.</param>
public sealed record IndexVerification(IReadOnlyList<string> Problems, long BlocksChecked, long BytesChecked, bool Checksummed)
{
    public bool IsWhole => Problems.Count == 0;
}
