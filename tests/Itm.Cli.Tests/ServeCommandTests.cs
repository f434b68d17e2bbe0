namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm serve</c> refuses bad usage before it listens (the server itself is tested in Itm.Server.Tests), and
/// <c>itm demo</c> offers <c>--no-serve</c> for scripts.
/// </summary>
public sealed class ServeCommandTests
{
    [Fact]
    public void Serve_without_an_index_names_the_missing_option()
    {
        var (code, output) = CliRunner.Run("serve");

        Assert.Equal(2, code);
        Assert.Contains("--db", output);
    }

    [Fact]
    public void Serving_a_folder_that_is_not_an_index_says_how_to_build_one()
    {
        string missing = Path.Combine(Path.GetTempPath(), "itm-no-such-index");

        var (code, output) = CliRunner.Run("serve", "--db", missing);

        Assert.Equal(2, code);
        Assert.Contains("itm index", output);
    }

    [Fact]
    public void A_url_that_is_not_http_is_bad_usage()
    {
        var (code, output) = CliRunner.Run("serve", "--db", "index", "--urls", "ftp://127.0.0.1:21");

        Assert.Equal(2, code);
        Assert.Contains("ftp://127.0.0.1:21", output);
    }

    [Fact]
    public void Help_lists_serve_and_the_demo_can_skip_serving()
    {
        var (code, output) = CliRunner.Run("--help");
        var (demoCode, demoHelp) = CliRunner.Run("demo", "--help");

        Assert.Equal(0, code);
        Assert.Contains("serve", output);
        Assert.Equal(0, demoCode);
        Assert.Contains("--no-serve", demoHelp);
    }
}
