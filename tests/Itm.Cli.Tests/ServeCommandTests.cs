using Itm.Cli.Commands;
using Itm.Search.Queries;

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
    public void A_port_already_in_use_is_named_with_what_to_do_and_no_stack_trace()
    {
        // Given an index, and a port another program listens on
        using var workspace = new ServeWorkspace();
        Assert.Equal(0, workspace.IndexImages().ExitCode);
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        int port = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;

        // When itm serve is asked to listen there
        var (code, output) = CliRunner.Run("serve", "--db", workspace.Db, "--urls", $"http://127.0.0.1:{port}");

        // Then it is bad usage naming the address and --urls, in one message
        Assert.Equal(2, code);
        Assert.Contains($"http://127.0.0.1:{port}", output);
        Assert.Contains("--urls", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Hosting failed to start", output);
    }

    [Theory]
    [InlineData("--rate-limit", "-1")]
    [InlineData("--rate-limit", "abc")]
    [InlineData("--rate-limit", "100001")]
    [InlineData("--expensive-rate-limit", "-3")]
    [InlineData("--expensive-rate-limit", "1.5")]
    [InlineData("--word-weight", "-0.5")]
    [InlineData("--word-weight", "11")]
    public void A_bad_rate_limit_or_word_weight_is_bad_usage_naming_the_option(string option, string value)
    {
        var (code, output) = CliRunner.Run("serve", "--db", "index", option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, output);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public void An_api_key_that_cannot_be_sent_in_a_header_is_bad_usage(string key)
    {
        var (code, output) = CliRunner.Run("serve", "--db", "index", "--api-key", key);

        Assert.Equal(2, code);
        Assert.Contains("--api-key", output);
    }

    [Fact]
    public void Serve_options_reach_the_server()
    {
        var settings = new ServeSettings { Db = "index", ApiKey = "s3cret", RateLimit = 7, ExpensiveRateLimit = 0 };

        var options = settings.ToServerOptions();

        Assert.Equal("s3cret", options.ApiKey);
        Assert.Equal(7, options.Limits.RateLimit);
        Assert.Equal(0, options.Limits.ExpensiveRateLimit);
        Assert.Equal(new WordMatchOptions().Weight, options.ToQueryOptions().Words.Weight);
        Assert.Equal(0.25f, new ServeSettings { Db = "index", WordWeight = 0.25f }.ToServerOptions().ToQueryOptions().Words.Weight);
        Assert.Equal(20, new ServeSettings().RateLimit);
        Assert.Equal(2, new ServeSettings().ExpensiveRateLimit);
    }

    [Theory]
    [InlineData("10.0.0.300")]
    [InlineData("10.0.0.1,proxy.local")]
    [InlineData("10.0.0.0/33")]
    [InlineData(",")]
    public void A_trusted_proxy_that_is_not_an_address_or_network_is_bad_usage(string value)
    {
        var (code, output) = CliRunner.Run("serve", "--db", "index", "--trusted-proxy", value);

        Assert.Equal(2, code);
        Assert.Contains("--trusted-proxy", output);
    }

    [Fact]
    public void Trusted_proxies_reach_the_server_as_networks_and_default_to_none()
    {
        var options = new ServeSettings { Db = "index", TrustedProxy = "127.0.0.1, ::1,10.1.0.0/16" }.ToServerOptions();

        Assert.Equal(["127.0.0.1/32", "::1/128", "10.1.0.0/16"], options.TrustedProxies.Select(n => n.ToString()));
        Assert.Empty(new ServeSettings { Db = "index" }.ToServerOptions().TrustedProxies);
    }

    [Fact]
    public void Help_lists_the_hardening_options()
    {
        var (code, output) = CliRunner.Run("serve", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--api-key", output);
        Assert.Contains("--rate-limit", output);
        Assert.Contains("--expensive-rate-limit", output);
        Assert.Contains("--trusted-proxy", output);
        Assert.Contains(ServeSettings.ApiKeyVariable, output);
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

    [Fact]
    public void The_poll_interval_reaches_the_server_and_zero_turns_the_live_index_off()
    {
        var live = new ServeSettings { Db = "d", PollSeconds = 0.5 }.ToServerOptions().Live;
        var off = new ServeSettings { Db = "d", PollSeconds = 0 }.ToServerOptions().Live;

        Assert.Equal((true, TimeSpan.FromSeconds(0.5)), (live.Enabled, live.Poll));
        Assert.False(off.Enabled);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("3601")]
    public void A_bad_poll_interval_is_bad_usage_naming_the_option(string value)
    {
        var (code, output) = CliRunner.Run("serve", "--db", "index", "--poll-seconds", value);

        Assert.Equal(2, code);
        Assert.Contains("--poll-seconds", output);
    }
}

/// <summary>A tiny index for the serve tests that need one.</summary>
internal sealed class ServeWorkspace() : TinyIndexWorkspace("itm-cli-serve-")
{
    public string Db => db;

    public (int ExitCode, string Output) IndexImages() => Index();
}
