using System.Globalization;

namespace Itm.Data.Readers;

/// <summary>
/// What a reader left out, by <see cref="SkipReason"/>: how many items, and the names of the first few so that a
/// user can go and look at them. An item is an image or a caption; the example names say which.
/// </summary>
public sealed class ReadReport
{
    /// <summary>How many item names are kept per reason; the counts are always complete.</summary>
    public const int MaxExamplesPerReason = 5;

    private readonly SortedDictionary<SkipReason, int> _counts = [];
    private readonly Dictionary<SkipReason, List<string>> _examples = [];

    /// <summary>Number of items skipped for each reason that occurred, in enum order.</summary>
    public IReadOnlyDictionary<SkipReason, int> SkippedByReason => _counts;

    /// <summary>Number of items skipped for any reason.</summary>
    public int TotalSkipped => _counts.Values.Sum();

    /// <summary>True when nothing was left out.</summary>
    public bool IsEmpty => _counts.Count == 0;

    /// <summary>Number of items skipped for <paramref name="reason"/> (0 when none).</summary>
    public int Count(SkipReason reason) => _counts.GetValueOrDefault(reason);

    /// <summary>The first <see cref="MaxExamplesPerReason"/> items skipped for <paramref name="reason"/>, in reading order.</summary>
    public IReadOnlyList<string> Examples(SkipReason reason) =>
        _examples.TryGetValue(reason, out var names) ? names : [];

    /// <summary>One line for logs, reasons separated by "; ", e.g. <c>MissingImageFile: 2 (image 3 (a.jpg), image 9 (b.jpg)); EmptyCaption: 1 (...)</c>.</summary>
    public override string ToString() => IsEmpty
        ? "nothing skipped"
        : string.Join("; ", _counts.Select(pair =>
            $"{pair.Key}: {pair.Value.ToString(CultureInfo.InvariantCulture)} ({string.Join(", ", _examples[pair.Key])}{(pair.Value > _examples[pair.Key].Count ? ", ..." : "")})"));

    internal void Record(SkipReason reason, string item)
    {
        _counts[reason] = _counts.GetValueOrDefault(reason) + 1;
        if (!_examples.TryGetValue(reason, out var names))
        {
            names = [];
            _examples[reason] = names;
        }

        if (names.Count < MaxExamplesPerReason)
        {
            names.Add(item);
        }
    }
}
