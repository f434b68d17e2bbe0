namespace Itm.Data.Recipes;

/// <summary>
/// Assigns train/val/test group by group, so that items that must not be separated (near-duplicate
/// drawings, a synthetic scene and its swapped twin) always land in the same split.
/// </summary>
/// <remarks>
/// <see cref="Assign"/> holds out whole groups: the groups are shuffled with a seeded <see cref="Random"/>; then, in that order, a group goes to test
/// if it still fits under <c>testCount</c>, else to val if it fits under <c>valCount</c>, else to train.
/// So test and val never exceed their targets, and they meet them exactly unless the groups that are
/// left are all too large to fit the last few places (then they fall short by less than one group).
/// </remarks>
public sealed class SplitAssigner
{
    private readonly int _valCount;
    private readonly int _testCount;
    private readonly int _seed;

    public SplitAssigner(int valCount, int testCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(valCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        _valCount = valCount;
        _testCount = testCount;
        _seed = seed;
    }

    /// <summary>An assigner whose val and test targets are shares of <paramref name="itemCount"/> items, rounded.</summary>
    public static SplitAssigner ForFractions(int itemCount, double valFraction, double testFraction, int seed) =>
        new((int)Math.Round(itemCount * valFraction), (int)Math.Round(itemCount * testFraction), seed);

    /// <summary>
    /// The split of each item. <paramref name="groups"/> hold item indices in [0, itemCount); every item
    /// must be in exactly one group. The result depends only on the seed and the order of the groups.
    /// </summary>
    public Split[] Assign(IReadOnlyList<IReadOnlyList<int>> groups, int itemCount)
    {
        Check(groups, itemCount);
        var splits = new Split[itemCount];
        int test = 0, val = 0;
        foreach (int g in ShuffledOrder(groups.Count))
        {
            IReadOnlyList<int> group = groups[g];
            Split split;
            if (test + group.Count <= _testCount)
            {
                split = Split.Test;
                test += group.Count;
            }
            else if (val + group.Count <= _valCount)
            {
                split = Split.Val;
                val += group.Count;
            }
            else
            {
                split = Split.Train;
            }

            foreach (int item in group)
                splits[item] = split;
        }

        return splits;
    }

    /// <summary>
    /// The split of each item when the held-out items are single members of groups that keep others in training: in the
    /// groups' shuffled order, a group of two or more gives one member, drawn with the seed, to test while test is under
    /// its target, else one to val while val is; every other item trains. So each val and test item has a training item
    /// of its group, and a group of one always trains.
    /// </summary>
    public Split[] AssignOnePerGroup(IReadOnlyList<IReadOnlyList<int>> groups, int itemCount)
    {
        Check(groups, itemCount);
        var splits = new Split[itemCount];
        var random = new Random(_seed);
        int test = 0, val = 0;
        foreach (int g in ShuffledOrder(groups.Count))
        {
            IReadOnlyList<int> group = groups[g];
            if (group.Count < 2)
                continue;
            int held = group[random.Next(group.Count)];
            if (test < _testCount)
            {
                splits[held] = Split.Test;
                test++;
            }
            else if (val < _valCount)
            {
                splits[held] = Split.Val;
                val++;
            }
        }

        return splits;
    }

    private int[] ShuffledOrder(int groupCount)
    {
        int[] order = Enumerable.Range(0, groupCount).ToArray();
        new Random(_seed).Shuffle(order);
        return order;
    }

    /// <summary>Every item in exactly one group.</summary>
    private static void Check(IReadOnlyList<IReadOnlyList<int>> groups, int itemCount)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var seen = new bool[itemCount];
        foreach (int item in groups.SelectMany(g => g))
        {
            if (item < 0 || item >= itemCount)
                throw new ArgumentException($"Group item {item} is outside [0, {itemCount}).", nameof(groups));
            if (seen[item])
                throw new ArgumentException($"Item {item} is in more than one group.", nameof(groups));
            seen[item] = true;
        }

        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
            throw new ArgumentException($"Item {missing} is in no group.", nameof(groups));
    }
}
