namespace Itm.Search.Duplicates;

/// <summary>
/// Union-find over the items 0..n-1: <see cref="Union"/> joins two items' sets, <see cref="Find"/> names an item's set
/// by one of its members. Union by size and path halving keep both near constant time, so joining every pair found by
/// a neighbour search costs about as much as reading them.
/// </summary>
public sealed class DisjointSets
{
    private readonly int[] parent;
    private readonly int[] size;

    public DisjointSets(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        parent = new int[count];
        size = new int[count];
        for (int i = 0; i < count; i++)
        {
            parent[i] = i;
            size[i] = 1;
        }
    }

    public int Count => parent.Length;

    /// <summary>The item that stands for <paramref name="item"/>'s set (the same for every member until the next union).</summary>
    public int Find(int item)
    {
        while (parent[item] != item)
        {
            parent[item] = parent[parent[item]];
            item = parent[item];
        }

        return item;
    }

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>; false when they were one set already.</summary>
    public bool Union(int a, int b)
    {
        int rootA = Find(a);
        int rootB = Find(b);
        if (rootA == rootB)
        {
            return false;
        }

        if (size[rootA] < size[rootB])
        {
            (rootA, rootB) = (rootB, rootA);
        }

        parent[rootB] = rootA;
        size[rootA] += size[rootB];
        return true;
    }

    /// <summary>The sets of more than one item, each in ascending order, ordered by their smallest item.</summary>
    public IReadOnlyList<int[]> Groups()
    {
        var members = new Dictionary<int, List<int>>();
        for (int item = 0; item < parent.Length; item++)
        {
            int root = Find(item);
            if (size[root] < 2)
            {
                continue;
            }

            if (!members.TryGetValue(root, out var list))
            {
                members[root] = list = new List<int>(size[root]);
            }

            list.Add(item);
        }

        return members.Values.Select(list => list.ToArray()).OrderBy(group => group[0]).ToList();
    }
}
