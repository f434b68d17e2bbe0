using Itm.Index.Garnet;

namespace Itm.Cli.Tests;

/// <summary><c>itm garnet status</c> shows a running node; a bad <c>--garnet</c> value is bad usage naming the item.</summary>
public sealed class GarnetCommandTests
{
    [Fact]
    public void Status_prints_the_node_and_its_keys()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });

        var (code, output) = CliRunner.Run("garnet", "status", "--garnet", garnet.ConnectionString);

        Assert.Equal(0, code);
        Assert.Contains(garnet.Endpoints[0], output);
        Assert.Contains("standalone", output);
    }

    [Fact]
    public void A_bad_endpoint_is_bad_usage_naming_it()
    {
        var (code, output) = CliRunner.Run("garnet", "status", "--garnet", "127.0.0.1:6379,nowhere");

        Assert.Equal(2, code);
        Assert.Contains("'nowhere'", output);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("search")]
    [InlineData("annotate")]
    [InlineData("similar")]
    [InlineData("serve")]
    [InlineData("garnet", "cluster")]
    [InlineData("garnet", "status")]
    public void Every_command_that_takes_garnet_nodes_documents_the_option(params string[] command)
    {
        var (code, output) = CliRunner.Run([.. command, "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("--garnet", output);
        Assert.Contains("HOST:PORT", output, StringComparison.OrdinalIgnoreCase);
    }
}
