using Itm.Model.ImageEncoders;

namespace Itm.Model.Tests.ImageEncoders;

/// <summary>
/// One ResNet18 at batch 16 (the rewritten model), one at batch 1 (the stock file), one returning the last
/// residual block's input and one returning the maps the final pooling reads, loaded once for all tests in the class, with the rewritten copies written to a
/// throwaway cache folder.
/// </summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Fixture()
    {
        CacheRoot = Path.Combine(Path.GetTempPath(), "itm-cache-tests-" + Guid.NewGuid().ToString("N"));
        Batched = new ResNet18Featurizer(new ResNet18Options { BatchSize = 16, IntraOpThreads = 2, CacheDirectory = CacheRoot });
        Single = new ResNet18Featurizer(new ResNet18Options { BatchSize = 1, IntraOpThreads = 2, CacheDirectory = CacheRoot });
        BlockInput = new ResNet18Featurizer(new ResNet18Options
        {
            BatchSize = 4, IntraOpThreads = 2, CacheDirectory = CacheRoot, Output = ResNet18Output.LastBlockInput,
        });
        FinalMaps = new ResNet18Featurizer(new ResNet18Options
        {
            BatchSize = 4, IntraOpThreads = 2, CacheDirectory = CacheRoot, Output = ResNet18Output.FinalMaps,
        });
    }

    public string CacheRoot { get; }

    public ResNet18Featurizer Batched { get; }

    public ResNet18Featurizer Single { get; }

    public ResNet18Featurizer BlockInput { get; }

    public ResNet18Featurizer FinalMaps { get; }

    public void Dispose()
    {
        Batched.Dispose();
        Single.Dispose();
        BlockInput.Dispose();
        FinalMaps.Dispose();
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
