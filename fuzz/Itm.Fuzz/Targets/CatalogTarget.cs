using Itm.Index;
using Itm.Index.Storage;

namespace Itm.Fuzz.Targets;

/// <summary>Opening an index folder whose catalog (SQLite) holds the input bytes, as <c>itm search</c> and the server do.</summary>
public sealed class CatalogTarget : FuzzTarget
{
    public override string Name => "catalog";

    public override string Description =>
        $"IndexReader.Open on a folder whose {IndexFiles.CatalogFile} holds the input, then OpenFiles; handled: IndexFolderException (names the folder)";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        // A fresh folder each time: SQLite's -wal and -shm files from the last input must not be read with this one.
        string folder = scratch.EmptyFolder("index");
        File.WriteAllBytes(IndexFiles.Catalog(folder), input);
        using var reader = IndexReader.Open(folder);
        reader.OpenFiles();
    }

    protected override bool IsHandled(Exception e) => e is IndexFolderException;
}
