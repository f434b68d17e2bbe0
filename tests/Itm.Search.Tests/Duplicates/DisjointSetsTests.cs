using Itm.Search.Duplicates;

namespace Itm.Search.Tests.Duplicates;

/// <summary>Union-find joins sets transitively, and lists only the sets of two or more.</summary>
public sealed class DisjointSetsTests
{
    [Fact]
    public void Unions_join_transitively_into_the_hand_computed_groups()
    {
        // Given eight items and the pairs 0-1, 1-2, 5-6, 6-5 (again), 7-2 and 3-3 (itself)
        var sets = new DisjointSets(8);

        // When they are joined
        bool[] joined = [sets.Union(0, 1), sets.Union(1, 2), sets.Union(5, 6), sets.Union(6, 5), sets.Union(7, 2), sets.Union(3, 3)];

        // Then 0, 1, 2 and 7 are one set (7 through 2, 2 through 1), 5 and 6 another; 3 and 4 stay alone and are not listed
        Assert.Equal([true, true, true, false, true, false], joined);
        Assert.Equal([[0, 1, 2, 7], [5, 6]], sets.Groups());
        Assert.Equal(sets.Find(0), sets.Find(7));
        Assert.NotEqual(sets.Find(0), sets.Find(5));
        Assert.Equal(3, sets.Find(3));
    }

    [Fact]
    public void A_long_chain_is_one_set_whichever_way_it_is_joined()
    {
        const int count = 10_000;
        var forward = new DisjointSets(count);
        var backward = new DisjointSets(count);

        for (int i = 1; i < count; i++)
        {
            forward.Union(i - 1, i);
            backward.Union(count - i, count - i - 1);
        }

        Assert.Equal([Enumerable.Range(0, count).ToArray()], forward.Groups());
        Assert.Equal(forward.Groups(), backward.Groups());
    }
}
