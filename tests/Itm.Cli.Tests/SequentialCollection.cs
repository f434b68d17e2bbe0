namespace Itm.Cli.Tests;

/// <summary>End-to-end runs train torch models, which share global seeds and threads: one at a time.</summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection
{
}
