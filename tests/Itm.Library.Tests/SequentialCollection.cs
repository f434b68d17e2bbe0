namespace Itm.Library.Tests;

/// <summary>Torch tests that depend on the global seed, and the sample (which writes to the console), run one at a time.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection
{
}
