namespace Itm.Index.Garnet.Tests;

public sealed class GarnetQueryConnectionsTests
{
    [Fact]
    public void A_reader_opened_before_the_last_one_closes_keeps_its_connection()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        var connections = new GarnetQueryConnections(new GarnetOptions());

        var old = connections.Join(garnet.Endpoints);
        var store = old.Store;
        using var next = connections.Join(garnet.Endpoints);   // as a server opens its next snapshot ...
        old.Dispose();                                          // ... and then closes the one before

        Assert.Same(store, next.Store);
        Assert.Equal(0, next.Store.Count("itm:test:nothing"));
    }

    [Fact]
    public void The_last_reader_to_close_closes_the_connection_and_the_next_one_connects_again()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        var connections = new GarnetQueryConnections(new GarnetOptions());

        var first = connections.Join(garnet.Endpoints);
        var store = first.Store;
        first.Dispose();
        first.Dispose();   // leaving twice counts once
        using var later = connections.Join(garnet.Endpoints);

        Assert.NotSame(store, later.Store);
        Assert.Equal(0, later.Store.Count("itm:test:nothing"));
    }

    [Fact]
    public void A_reader_that_never_searches_connects_nothing()
    {
        var connections = new GarnetQueryConnections(new GarnetOptions());

        // No node listens on port 9 (discard): joining must not try to connect.
        using var reader = connections.Join(["127.0.0.1:9"]);
    }
}
