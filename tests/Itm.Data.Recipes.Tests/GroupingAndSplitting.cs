namespace Itm.Data.Recipes.Tests;

public sealed class GroupingAndSplitting
{
    [Theory]
    [InlineData("foo.svg", "foo")]
    [InlineData("foo_1.svg", "foo")]
    [InlineData("Foo-2.svg", "foo")]
    [InlineData("foo3.svg", "foo")]
    [InlineData("arrow12_1.svg", "arrow12")]
    [InlineData("001.svg", "001")]
    [InlineData("star_63pt11step.svg", "star_63pt11step")]
    public void Family_drops_one_numeric_suffix(string fileName, string family)
    {
        Assert.Equal(family, NearDuplicateGrouper.FamilyOf(fileName));
    }

    [Fact]
    public void Grouper_joins_families_and_equal_titles_transitively()
    {
        string[] files = ["foo.svg", "foo_1.svg", "bar.svg", "baz.svg", "qux.svg"];
        string?[] titles = ["foo", "foo variant", "apple", "foo variant", null];

        IReadOnlyList<IReadOnlyList<int>> groups = new NearDuplicateGrouper().Group(files, titles);

        Assert.Equal(3, groups.Count);
        Assert.Equal([0, 1, 3], groups[0]);
        Assert.Equal([2], groups[1]);
        Assert.Equal([4], groups[2]);
    }

    [Fact]
    public void Boilerplate_needs_the_threshold_of_distinct_families()
    {
        var drawings = new (string, IEnumerable<string>)[]
        {
            ("a", ["collection", "apple"]), ("b", ["collection"]), ("c", ["collection"]), ("d", ["collection", "variant"]),
            ("e", ["collection"]), ("f", ["variant"]), ("f", ["variant"]), ("f", ["variant"]), ("f", ["variant"]),
        };

        IReadOnlyDictionary<string, int> boilerplate = new BoilerplateFilter(minFamilies: 5).Find(drawings);

        // "variant" is on 6 drawings but in only 3 families: variants of one drawing may share a title.
        Assert.Equal(new Dictionary<string, int> { ["collection"] = 5 }, boilerplate);
    }

    [Fact]
    public void Split_assigner_meets_targets_exactly_with_small_groups_and_keeps_groups_whole()
    {
        var groups = new List<IReadOnlyList<int>>();
        int next = 0;
        for (int g = 0; g < 60; g++)
        {
            int size = g % 4 == 0 ? 3 : 1;
            groups.Add(Enumerable.Range(next, size).ToList());
            next += size;
        }

        Split[] splits = new SplitAssigner(valCount: 10, testCount: 12, seed: 7).Assign(groups, next);

        Assert.Equal(12, splits.Count(s => s == Split.Test));
        Assert.Equal(10, splits.Count(s => s == Split.Val));
        Assert.All(groups, g => Assert.Single(g.Select(i => splits[i]).Distinct()));
        Assert.Equal(splits, new SplitAssigner(10, 12, 7).Assign(groups, next));
        Assert.NotEqual(splits, new SplitAssigner(10, 12, 8).Assign(groups, next));
    }

    [Fact]
    public void Split_assigner_never_exceeds_a_target_when_groups_do_not_fit()
    {
        IReadOnlyList<int>[] groups = [[0, 1, 2], [3, 4, 5], [6, 7, 8]];

        Split[] splits = new SplitAssigner(valCount: 2, testCount: 4, seed: 1).Assign(groups, 9);

        Assert.Equal(3, splits.Count(s => s == Split.Test));
        Assert.Equal(0, splits.Count(s => s == Split.Val));
    }

    [Fact]
    public void One_per_group_holds_out_single_members_of_groups_that_keep_another_in_train()
    {
        // 40 groups of 1 to 4 items
        var groups = new List<IReadOnlyList<int>>();
        int next = 0;
        for (int g = 0; g < 40; g++)
        {
            int size = 1 + (g % 4);
            groups.Add(Enumerable.Range(next, size).ToArray());
            next += size;
        }

        Split[] splits = new SplitAssigner(valCount: 6, testCount: 8, seed: 3).AssignOnePerGroup(groups, next);

        Assert.Equal(8, splits.Count(s => s == Split.Test));
        Assert.Equal(6, splits.Count(s => s == Split.Val));
        foreach (IReadOnlyList<int> group in groups)
        {
            Assert.True(group.Count(i => splits[i] != Split.Train) <= 1, $"Group {string.Join(",", group)} gives more than one item.");
            Assert.Contains(group, i => splits[i] == Split.Train);
        }

        Assert.Equal(splits, new SplitAssigner(6, 8, 3).AssignOnePerGroup(groups, next));
        Assert.NotEqual(splits, new SplitAssigner(6, 8, 4).AssignOnePerGroup(groups, next));
        Assert.Throws<ArgumentException>(() => new SplitAssigner(1, 1, 1).AssignOnePerGroup([[0], [0, 1]], 2));
    }

    [Fact]
    public void Split_assigner_rejects_items_in_no_group_or_two()
    {
        Assert.Throws<ArgumentException>(() => new SplitAssigner(1, 1, 1).Assign([[0], [0, 1]], 2));
        Assert.Throws<ArgumentException>(() => new SplitAssigner(1, 1, 1).Assign([[0]], 2));
    }
}
