using Itm.Index.Catalog;

namespace Itm.Index.Garnet.Tests;

/// <summary>Key names and hash slots, against values from the Redis cluster specification.</summary>
public sealed class GarnetKeysTests
{
    [Theory]
    [InlineData("123456789", 0x31C3 % 16384)] // the CRC16/XMODEM check value
    [InlineData("foo", 12182)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("{user1000}.followers", 3443)]
    [InlineData("foo{}{bar}", 8363)] // an empty first tag: the whole key is hashed
    public void Hash_slots_follow_the_cluster_specification(string key, int slot) =>
        Assert.Equal(slot, GarnetKeys.HashSlot(key));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Each_shard_key_falls_in_its_own_equal_share_of_the_slots(int shards)
    {
        for (int shard = 0; shard < shards; shard++)
        {
            int slot = GarnetKeys.HashSlot(GarnetKeys.Key("itm:abc", VectorCollection.Images, 2, shard, shards));
            Assert.InRange(slot, shard * 16384 / shards, ((shard + 1) * 16384 / shards) - 1);
        }
    }

    [Fact]
    public void Keys_differ_by_collection_epoch_and_prefix()
    {
        string key = GarnetKeys.Key("itm:abc", VectorCollection.Images, 0, 1, 3);
        Assert.NotEqual(key, GarnetKeys.Key("itm:abc", VectorCollection.Captions, 0, 1, 3));
        Assert.NotEqual(key, GarnetKeys.Key("itm:abc", VectorCollection.Images, 1, 1, 3));
        Assert.NotEqual(key, GarnetKeys.Key("itm:abd", VectorCollection.Images, 0, 1, 3));
    }

    [Fact]
    public void Rows_are_dealt_out_evenly_and_named_by_their_number()
    {
        var perShard = Enumerable.Range(0, 300).GroupBy(row => GarnetKeys.ShardOf(row, 3)).Select(g => g.Count());
        Assert.All(perShard, count => Assert.Equal(100, count));
        Assert.True(GarnetKeys.TryParseElement(GarnetKeys.Element(1234567), out long row));
        Assert.Equal(1234567, row);
        Assert.False(GarnetKeys.TryParseElement("-1", out _));
        Assert.False(GarnetKeys.TryParseElement("12a", out _));
    }
}
