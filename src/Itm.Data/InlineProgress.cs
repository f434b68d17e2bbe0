namespace Itm.Data;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread, in order.
/// (<see cref="Progress{T}"/> posts to the thread pool, which reorders events and outlives the job.)
/// </summary>
public sealed class InlineProgress<T> : IProgress<T>
{
    private readonly Action<T> handler;

    public InlineProgress(Action<T> handler)
    {
        this.handler = handler;
    }

    public void Report(T value) => handler(value);
}
