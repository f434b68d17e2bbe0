using Itm.Search.Explanations;

namespace Itm.Server;

/// <summary>
/// The last few explanations, by image, sentence and settings: the page asks for an explanation's JSON and then for its
/// overlay, and each costs the image channel dozens of runs. Lost on restart and forgotten when the server answers from
/// a newer index run (its ids may name other images); a changed image file is seen again once its entry has made way
/// for newer ones.
/// </summary>
public sealed class RecentExplanations
{
    private const int Capacity = 8;

    private readonly Lock gate = new();
    private readonly LinkedList<(long Id, string Sentence, ExplainOptions Settings, Explanation Explanation)> entries = new();

    /// <summary>The kept explanation, or the one <paramref name="explain"/> computes (outside this cache's lock), kept as the newest.</summary>
    public Explanation GetOrAdd(long id, string sentence, ExplainOptions settings, Func<Explanation> explain)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(explain);
        lock (gate)
        {
            for (var node = entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == id && node.Value.Settings == settings && string.Equals(node.Value.Sentence, sentence, StringComparison.Ordinal))
                {
                    return node.Value.Explanation;
                }
            }
        }

        var explanation = explain();
        lock (gate)
        {
            entries.AddFirst((id, sentence, settings, explanation));
            while (entries.Count > Capacity)
            {
                entries.RemoveLast();
            }
        }

        return explanation;
    }

    /// <summary>Forgets every kept explanation (the index they were computed on has been replaced).</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
