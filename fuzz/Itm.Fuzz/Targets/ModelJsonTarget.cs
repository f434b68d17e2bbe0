using Itm.Model.Persistence;

namespace Itm.Fuzz.Targets;

/// <summary>A model folder's manifest, <c>model.json</c>, with the upgrades of older format versions.</summary>
public sealed class ModelJsonTarget : FuzzTarget
{
    public override string Name => "model-json";

    public override string Description => "ModelFolder.ReadManifest on a folder holding model.json; handled: ModelFolderException (names the file)";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        string path = scratch.Write(Path.Combine("model", ModelFolder.ManifestFile), input);
        ModelFolder.ReadManifest(Path.GetDirectoryName(path)!);
    }

    protected override bool IsHandled(Exception e) => e is ModelFolderException;
}
