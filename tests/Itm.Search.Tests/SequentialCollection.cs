namespace Itm.Search.Tests;

/// <summary>Torch tests that depend on the global seed run one at a time.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection
{
}
