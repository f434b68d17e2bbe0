using Itm.Cli.Commands;
using Itm.Index.Nearest;

namespace Itm.Cli.Tests;

/// <summary><c>itm index</c>'s search-structure options reach the indexer, and a bad value is bad usage naming the option.</summary>
public sealed class IndexOptionsTests
{
    [Fact]
    public void The_graph_precision_reaches_the_indexer_and_defaults_to_int8()
    {
        var settings = new IndexSettings { Model = "m", Images = "i", Db = "d", HnswPrecision = HnswPrecision.Float32 };

        Assert.Equal(HnswPrecision.Float32, settings.ToJobOptions().Indexer.Search.Precision);
        Assert.Equal(HnswPrecision.Int8, new IndexSettings().ToJobOptions().Indexer.Search.Precision);
    }

    [Fact]
    public void An_unknown_graph_precision_is_bad_usage()
    {
        var (code, output) = CliRunner.Run("index", "--model", "m", "--images", "i", "--db", "d", "--hnsw-precision", "float8");

        Assert.Equal(2, code);
        Assert.Contains("--hnsw-precision", output);
    }
}
