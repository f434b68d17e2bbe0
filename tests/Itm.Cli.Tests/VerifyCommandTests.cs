using Itm.Search.Tests.Fixtures;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm index --verify</c>, and what every command says about an index whose vectors rotted on disk: exit code 2
/// and a message that names the file and says how to rebuild.
/// </summary>
[Collection("Sequential")]
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("itm-cli-verify-").FullName;
    private readonly string db;

    public VerifyCommandTests()
    {
        string images = Path.Combine(root, "images");
        TinyImages.Write(images);
        string model = TinyModel.Save(Path.Combine(root, "model"), seed: 4);
        db = Path.Combine(root, "db");
        var index = CliRunner.Run("index", "--model", model, "--images", images, "--db", db, "--cache", Path.Combine(root, "cache"));
        Assert.True(index.ExitCode == 0, index.Output);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void A_whole_index_verifies_and_a_flipped_byte_is_reported_by_verify_and_by_search()
    {
        var whole = CliRunner.Run("index", "--verify", "--db", db);
        Assert.True(whole.ExitCode == 0, whole.Output);
        Assert.Contains("is whole", whole.Output);
        Assert.Contains("1 vector blocks", whole.Output);

        string vectors = Path.Combine(db, "images-1.vectors");
        byte[] bytes = File.ReadAllBytes(vectors);
        bytes[64 + 3] ^= 0x01;
        File.WriteAllBytes(vectors, bytes);

        var damaged = CliRunner.Run("index", "--verify", "--db", db);
        Assert.True(damaged.ExitCode == 2, damaged.Output);
        Assert.Contains("damaged:", damaged.Output);
        Assert.Contains("images-1.vectors", damaged.Output);
        Assert.Contains("--reembed", damaged.Output);

        var search = CliRunner.Run("search", "--db", db, "a red square");
        Assert.True(search.ExitCode == 2, search.Output);
        Assert.Contains("images-1.vectors", search.Output);
        Assert.Contains("checksum", search.Output);
        Assert.Contains("--reembed", search.Output);
        Assert.DoesNotContain("   at ", search.Output);
    }

    [Fact]
    public void Verify_needs_only_the_index_folder()
    {
        var missing = CliRunner.Run("index", "--verify");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--db", missing.Output);
    }
}
