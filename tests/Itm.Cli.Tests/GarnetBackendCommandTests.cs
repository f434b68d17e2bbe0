using System.Text.Json;
using Itm.Index.Garnet;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm index --backend garnet</c> and back, as a user runs it: search, annotate and similar answer as the embedded
/// index does, and neither switch re-embeds an image.
/// </summary>
[Collection("Sequential")]
public sealed class GarnetBackendCommandTests() : TinyIndexWorkspace("itm-cli-garnet-")
{
    [Fact]
    public void Binding_an_index_to_garnet_and_back_keeps_every_answer_and_embeds_nothing_again()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Nodes = 3, Port = 0 });
        Assert.Equal(0, Index("--captions", captions).ExitCode);
        var embedded = Answers();

        var bound = Index("--backend", "garnet", "--garnet", garnet.ConnectionString);

        Assert.True(bound.ExitCode == 0, bound.Output);
        Assert.Contains("0 embedded", bound.Output);
        Assert.Contains("garnet search", bound.Output);
        Assert.Equal(embedded, Answers());

        var back = Index("--backend", "embedded");

        Assert.True(back.ExitCode == 0, back.Output);
        Assert.Contains("0 embedded", back.Output);
        Assert.Contains("exact search", back.Output);
        Assert.Equal(embedded, Answers());
    }

    [Fact]
    public void A_stopped_node_is_an_error_naming_it_with_exit_code_1()
    {
        using var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 });
        Assert.Equal(0, Index("--backend", "garnet", "--garnet", garnet.ConnectionString).ExitCode);
        garnet.StopNode(0);

        var (code, output) = CliRunner.Run("search", "--db", db, "a red square");

        Assert.Equal(1, code);
        Assert.Contains(garnet.Endpoints[0], output);
        Assert.DoesNotContain("   at ", output); // a message, not a stack trace
    }

    [Fact]
    public void A_search_answered_from_the_folder_because_garnet_lost_its_data_says_so()
    {
        int port;
        using (var garnet = LocalGarnet.Start(new LocalGarnetOptions { Port = 0 }))
        {
            Assert.Equal(0, Index("--backend", "garnet", "--garnet", garnet.ConnectionString).ExitCode);
            var whole = CliRunner.Run("search", "--db", db, "a red square");
            Assert.True(whole.ExitCode == 0, whole.Output);
            Assert.DoesNotContain("Answered from the index folder", whole.Output);
            port = int.Parse(garnet.Endpoints[0].Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        // The node comes back on its address without its data: the folder answers, and the user is told why it is slower.
        using var empty = LocalGarnet.Start(new LocalGarnetOptions { Port = port });
        var (code, output) = CliRunner.Run("search", "--db", db, "a red square");

        Assert.True(code == 0, output);
        Assert.Contains("Answered from the index folder", output);
        Assert.Contains("itm index", output);
    }

    /// <summary>The ranked ids and captions of a search, an annotation and a similar-images query, as JSON text.</summary>
    private string Answers()
    {
        string Results(params string[] args)
        {
            var (code, output) = CliRunner.Run([.. args, "--db", db, "--json"]);
            Assert.True(code == 0, output);
            var results = JsonDocument.Parse(output).RootElement.GetProperty("results");
            return string.Join(';', results.EnumerateArray().Select(r => r.TryGetProperty("id", out var id) ? id.ToString() : r.GetProperty("caption").GetString()));
        }

        return string.Join('|', Results("search", "a red square", "-k", "5"), Results("annotate", "1", "-k", "3"), Results("similar", "1", "-k", "3"));
    }
}
