namespace Itm.Model.Tests;

/// <summary>
/// Torch tests whose results depend on seeds or on thread-wide state (the global RNG, dispose-scope counters)
/// join this collection so they never run in parallel with each other.
/// </summary>
[CollectionDefinition("Sequential", DisableParallelization = true)]
public sealed class SequentialCollection;
