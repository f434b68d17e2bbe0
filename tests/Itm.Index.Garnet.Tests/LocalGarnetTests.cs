using StackExchange.Redis;

namespace Itm.Index.Garnet.Tests;

/// <summary>
/// In-process Garnet nodes: vector sets answer, several nodes form one cluster that shards keys, a data folder survives
/// a restart (checkpoint + append-only file), and forming is safe to repeat. Free ports throughout (Port = 0).
/// </summary>
[Collection("Garnet nodes")]
public sealed class LocalGarnetTests
{
    [Fact]
    public void A_single_node_answers_vector_set_commands()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        using var mux = ConnectionMultiplexer.Connect(garnet.ConnectionString);
        var db = mux.GetDatabase();

        AddVector(db, "vs", "a", [1f, 0f, 0f]);
        AddVector(db, "vs", "b", [0f, 1f, 0f]);
        var nearest = (RedisResult[])db.Execute("VSIM", "vs", "VALUES", 3, 0.9f, 0.1f, 0f, "COUNT", 1)!;

        Assert.Single(garnet.Endpoints);
        Assert.Equal("a", nearest.Single().ToString());
    }

    [Fact]
    public void Three_nodes_form_one_cluster_that_spreads_keys_over_the_nodes()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });

        var topology = GarnetCluster.Describe(garnet.Endpoints);
        Assert.True(topology.IsCluster);
        Assert.All(topology.Nodes, node => Assert.Equal("ok", node.ClusterState));
        Assert.All(topology.Nodes, node => Assert.Equal(3, node.KnownNodes));
        var slots = topology.Nodes.SelectMany(node => node.Slots).OrderBy(range => range.First).ToList();
        Assert.Equal(0, slots[0].First);
        Assert.Equal(GarnetTopology.SlotCount - 1, slots[^1].Last);
        Assert.Equal(GarnetTopology.SlotCount, topology.AssignedSlots);

        using var mux = ConnectionMultiplexer.Connect(garnet.ConnectionString);
        var keys = Enumerable.Range(0, 30).Select(i => (RedisKey)$"shard:{i}").ToList();
        foreach (var key in keys)
        {
            AddVector(mux.GetDatabase(), key, "x", [1f, 2f]);
        }

        var owners = keys.Select(key => mux.GetServer(key).EndPoint.ToString()).Distinct().ToList();
        Assert.Equal(3, owners.Count);
        Assert.All(keys, key => Assert.Equal(1L, (long)mux.GetDatabase().Execute("VCARD", key)));
    }

    [Fact]
    public void A_data_folder_brings_back_what_was_saved_and_what_came_after()
    {
        string dir = Path.Combine(Path.GetTempPath(), "itm-garnet-" + Guid.NewGuid().ToString("N"));
        try
        {
            int port;
            using (var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0, DataDirectory = dir }))
            {
                port = int.Parse(garnet.Endpoints[0].Split(':')[1]);
                using var mux = ConnectionMultiplexer.Connect(garnet.ConnectionString);
                AddVector(mux.GetDatabase(), "vs", "saved", [1f, 0f]);
                garnet.Checkpoint();
                AddVector(mux.GetDatabase(), "vs", "after", [0f, 1f]); // only in the append-only file
            }

            using (var again = LocalGarnet.Start(new LocalGarnetOptions { Port = port, DataDirectory = dir }))
            {
                using var mux = ConnectionMultiplexer.Connect(again.ConnectionString);
                var db = mux.GetDatabase();

                Assert.Equal(2L, (long)db.Execute("VCARD", "vs"));
                var nearest = (RedisResult[])db.Execute("VSIM", "vs", "VALUES", 2, 0f, 1f, "COUNT", 1)!;
                Assert.Equal("after", nearest.Single().ToString());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Forming_an_already_formed_cluster_changes_nothing()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 2, Port = 0 });
        var before = GarnetCluster.Describe(garnet.Endpoints);

        GarnetCluster.Form(garnet.Endpoints, TimeSpan.FromSeconds(5));

        var after = GarnetCluster.Describe(garnet.Endpoints);
        Assert.Equal(before.Nodes.Select(node => (node.NodeId, string.Join(' ', node.Slots))),
            after.Nodes.Select(node => (node.NodeId, string.Join(' ', node.Slots))));
    }

    [Fact]
    public void Forming_standalone_nodes_or_a_dead_endpoint_names_the_endpoint()
    {
        using var standalone = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        string dead = "127.0.0.1:1";

        var notCluster = Assert.Throws<GarnetClusterException>(() => GarnetCluster.Form(standalone.Endpoints, TimeSpan.FromSeconds(2)));
        var unreachable = Assert.Throws<GarnetClusterException>(() => GarnetCluster.Form([dead], TimeSpan.FromSeconds(1)));

        Assert.Contains(standalone.Endpoints[0], notCluster.Message);
        Assert.Contains("cluster mode", notCluster.Message);
        Assert.Contains(dead, unreachable.Message);
        Assert.Contains("unreachable", unreachable.Message);
    }

    [Fact]
    public void A_stopped_node_comes_back_into_the_cluster_with_its_slots()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        var before = GarnetCluster.Describe(garnet.Endpoints);

        garnet.StopNode(1);
        Assert.False(GarnetCluster.Describe(garnet.Endpoints).Nodes[1].Reachable);
        garnet.StartNode(1);

        var after = GarnetCluster.Describe(garnet.Endpoints);
        Assert.All(after.Nodes, node => Assert.Equal("ok", node.ClusterState));
        Assert.Equal(before.Nodes.Select(node => string.Join(' ', node.Slots)), after.Nodes.Select(node => string.Join(' ', node.Slots)));
        Assert.All(after.Nodes, node => Assert.Equal(3, node.KnownNodes));
    }

    [Theory]
    [InlineData("127.0.0.1:6379", new[] { "127.0.0.1:6379" })]
    [InlineData(" 127.0.0.1:6379 , localhost:6380", new[] { "127.0.0.1:6379", "localhost:6380" })]
    [InlineData("[::1]:7000", new[] { "[::1]:7000" })]
    public void Endpoint_lists_parse_in_order(string text, string[] expected)
    {
        Assert.Equal(expected, GarnetEndpoints.Parse(text));
    }

    [Theory]
    [InlineData("", "expected host:port")]
    [InlineData("127.0.0.1", "'127.0.0.1'")]
    [InlineData("127.0.0.1:0", "'127.0.0.1:0'")]
    [InlineData("127.0.0.1:65536", "'127.0.0.1:65536'")]
    [InlineData("127.0.0.1:abc", "'127.0.0.1:abc'")]
    [InlineData(":6379", "':6379'")]
    [InlineData("127.0.0.1:6379,,127.0.0.1:6380", "empty")]
    [InlineData("127.0.0.1:6379,127.0.0.1:6379", "twice")]
    public void Bad_endpoint_lists_are_refused_naming_the_item(string text, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => GarnetEndpoints.Parse(text));

        Assert.Contains(named, error.Message);
        Assert.Contains("host:port", error.Message);
    }

    private static void AddVector(IDatabase db, RedisKey key, string element, float[] vector) =>
        db.Execute("VADD", [key, "VALUES", vector.Length, .. vector.Cast<object>(), element]);
}
