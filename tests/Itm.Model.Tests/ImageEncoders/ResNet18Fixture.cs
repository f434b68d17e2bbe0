using Itm.Model.ImageEncoders;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>
/// One ResNet18 at batch 16 (the rewritten model) and one at batch 1 (the stock file), loaded once for all tests
/// in the class, with the batch-enabled copy written to a throwaway cache folder.
/// </summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Fixture()
    {
        CacheRoot = Path.Combine(Path.GetTempPath(), "itm-cache-tests-" + Guid.NewGuid().ToString("N"));
        Batched = new ResNet18Featurizer(new ResNet18Options { BatchSize = 16, IntraOpThreads = 2, CacheDirectory = CacheRoot });
        Single = new ResNet18Featurizer(new ResNet18Options { BatchSize = 1, IntraOpThreads = 2, CacheDirectory = CacheRoot });
    }

    public string CacheRoot { get; }

    public ResNet18Featurizer Batched { get; }

    public ResNet18Featurizer Single { get; }

    public void Dispose()
    {
        Batched.Dispose();
        Single.Dispose();
        try
        {
            Directory.Delete(CacheRoot, recursive: true);
        }
        catch (IOException)
        {
            // Harmless leftover.
        }
    }
}
