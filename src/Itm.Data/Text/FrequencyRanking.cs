namespace Itm.Data.Text;

/// <summary>
/// Orders counted strings by descending count, ties broken by ordinal string order, so the same training text
/// always yields the same ids on every machine (hash-map order and culture-aware sorting would not).
/// </summary>
internal static class FrequencyRanking
{
    public static List<string> Rank(IReadOnlyDictionary<string, int> counts, Func<string, int, bool> keep, int limit)
    {
        var ranked = counts.Where(pair => keep(pair.Key, pair.Value)).ToList();
        ranked.Sort((a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        return ranked.Take(limit).Select(pair => pair.Key).ToList();
    }
}
