using Itm.Server.Tests.Fixtures;

namespace Itm.Server.Tests;

/// <summary>
/// Torch tests that depend on the global seed run one at a time. They share one served index: building it loads
/// torch and embeds the tiny images, which is most of the cost of a test here.
/// </summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection : ICollectionFixture<ServedIndex>
{
}
