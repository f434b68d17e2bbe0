using Itm.Cli.Commands;
using Itm.Index.Nearest;
using Itm.Index.Vectors;

namespace Itm.Cli.Tests;

/// <summary><c>itm index</c>'s search-structure, compaction and watch options reach the library, and a bad value is bad usage naming the option.</summary>
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
    public void A_binary_graph_reaches_the_indexer()
    {
        var settings = new IndexSettings { Model = "m", Images = "i", Db = "d", HnswPrecision = HnswPrecision.Binary };

        Assert.Equal(HnswPrecision.Binary, settings.ToJobOptions().Indexer.Search.Precision);
    }

    [Fact]
    public void An_unknown_graph_precision_is_bad_usage()
    {
        var (code, output) = CliRunner.Run("index", "--model", "m", "--images", "i", "--db", "d", "--hnsw-precision", "float8");

        Assert.Equal(2, code);
        Assert.Contains("--hnsw-precision", output);
    }

    [Fact]
    public void The_vector_precision_reaches_the_library_and_is_left_to_the_index_when_not_given()
    {
        Assert.Null(new IndexSettings { Model = "m", Images = "i", Db = "d" }.ToJobOptions().Indexer.VectorPrecision);
        var settings = new IndexSettings { Model = "m", Images = "i", Db = "d", VectorPrecision = VectorPrecision.Float16 };
        Assert.Equal(VectorPrecision.Float16, settings.ToJobOptions().Indexer.VectorPrecision);

        var (code, output) = CliRunner.Run("index", "--model", "m", "--images", "i", "--db", "d", "--vector-precision", "int8");
        Assert.Equal(2, code);
        Assert.Contains("--vector-precision", output);
    }

    [Fact]
    public void The_watch_intervals_and_the_compaction_fraction_reach_the_library()
    {
        var settings = new IndexSettings { Model = "m", Images = "i", Db = "d", DebounceSeconds = 0.5, RescanSeconds = 30, CompactWhenDead = 0 };

        Assert.Equal((TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(30)), (settings.ToWatchOptions().Quiet, settings.ToWatchOptions().Rescan));
        Assert.Equal(0, settings.ToJobOptions().Indexer.CompactWhenDeadFraction);
    }

    [Theory]
    [InlineData("--debounce-seconds", "-1")]
    [InlineData("--rescan-seconds", "0")]
    [InlineData("--compact-when-dead", "1.5")]
    public void A_bad_watch_interval_or_compaction_fraction_is_bad_usage_naming_the_option(string option, string value)
    {
        var (code, output) = CliRunner.Run("index", "--model", "m", "--images", "i", "--db", "d", "--watch", option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, output);
    }

    [Fact]
    public void Watching_and_verifying_at_once_is_bad_usage()
    {
        var (code, output) = CliRunner.Run("index", "--db", "d", "--verify", "--watch");

        Assert.Equal(2, code);
        Assert.Contains("--watch", output);
    }
}
