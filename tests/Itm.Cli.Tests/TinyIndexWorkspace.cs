using Itm.Search.Tests.Fixtures;

namespace Itm.Cli.Tests;

/// <summary>
/// A throw-away folder with tiny images, a tiny model and a caption list, and <c>itm index</c> run on them the way a
/// user types it: the set-up of the tests that drive the query commands end to end.
/// </summary>
public abstract class TinyIndexWorkspace : IDisposable
{
    protected TinyIndexWorkspace(string prefix)
    {
        root = Directory.CreateTempSubdirectory(prefix).FullName;
        images = Path.Combine(root, "images");
        TinyImages.Write(images);
        model = TinyModel.Save(Path.Combine(root, "model"), seed: 4);
        db = Path.Combine(root, "db");
        cache = Path.Combine(root, "cache");
        captions = Path.Combine(root, "captions.txt");
        File.WriteAllLines(captions, TinyModel.Sentences);
    }

    protected readonly string root;
    protected readonly string images;
    protected readonly string model;
    protected readonly string db;
    protected readonly string cache;
    protected readonly string captions;

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary><c>itm index</c> of the images with the model into the workspace's index, plus <paramref name="extra"/> options.</summary>
    protected (int ExitCode, string Output) Index(params string[] extra) =>
        CliRunner.Run(["index", "--model", model, "--images", images, "--db", db, "--cache", cache, .. extra]);
}
