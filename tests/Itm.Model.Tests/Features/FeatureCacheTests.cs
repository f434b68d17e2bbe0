using Itm.Model.Features;

namespace Itm.Model.Tests.Features;

public sealed class FeatureCacheTests : IDisposable
{
    private static readonly string Hash = new('a', 64);
    private readonly CacheScratch _scratch = new();
    private readonly FeatureCache _cache;

    public FeatureCacheTests() => _cache = new FeatureCache(_scratch.CacheRoot);

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Should_Read_Back_What_Was_Stored_Under_The_Same_Key_Only()
    {
        _cache.Put(Hash, "model-a", [1f, -2.5f, 3f]);

        Assert.Equal(new[] { 1f, -2.5f, 3f }, _cache.TryGet(Hash, "model-a", 3));
        Assert.Null(_cache.TryGet(Hash, "model-b", 3));           // another extractor
        Assert.Null(_cache.TryGet(new string('b', 64), "model-a", 3));  // other content
        Assert.Null(_cache.TryGet(Hash, "model-a", 4));           // other dimension: treated as absent
    }

    [Fact]
    public void Should_Shard_By_Fingerprint_And_Hash_Prefix()
    {
        Assert.Equal(Path.Combine(_cache.Root, "model-a", "aa", Hash + ".f32"), _cache.PathOf(Hash, "model-a"));
    }

    [Fact]
    public void Should_Hash_Content_Not_Names()
    {
        var a = _scratch.Write("a.png", "same bytes");
        var b = _scratch.Write("b.png", "same bytes");
        var c = _scratch.Write("c.png", "other bytes");

        Assert.Equal(FeatureCache.HashFile(a), FeatureCache.HashFile(b));
        Assert.NotEqual(FeatureCache.HashFile(a), FeatureCache.HashFile(c));
        Assert.Matches("^[0-9a-f]{64}$", FeatureCache.HashFile(a));
    }

    [Fact]
    public void Should_Key_Svg_Files_By_The_Svg_Render_Version_Too()
    {
        // Given the same bytes as a PNG and as an SVG: the SVG's drawing depends on the SVG renderer as well
        var png = _scratch.Write("same.png", "<svg/>");
        var svg = _scratch.Write("same.svg", "<svg/>");

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{FeatureCache.HashFile(png)}\n{Itm.Data.Images.ImageLoader.SvgRenderVersion}")));
        Assert.Equal(expected, FeatureCache.HashFile(svg));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("bit flip")]
    [InlineData("empty")]
    public void Should_Treat_A_Damaged_Entry_As_A_Miss_And_Remove_It(string damage)
    {
        // Given a stored vector whose file is then damaged
        _cache.Put(Hash, "model-a", [1f, 2f, 3f, 4f]);
        var path = _cache.PathOf(Hash, "model-a");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, damage switch
        {
            "truncated" => bytes[..^4],
            "bit flip" => [.. bytes[..^1], (byte)(bytes[^1] ^ 1)],
            _ => [],
        });

        // Then it reads as absent, and is gone so that it will be recomputed
        Assert.Null(_cache.TryGet(Hash, "model-a", 4));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Should_Never_Read_Back_A_Write_That_Was_Killed_Halfway()
    {
        // Given what a killed writer leaves: a partial temporary file next to where the entry would go
        var path = _cache.PathOf(Hash, "model-a");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.0123.tmp"), [0x49, 0x54]);

        // Then the entry is simply absent, and a later write succeeds
        Assert.Null(_cache.TryGet(Hash, "model-a", 2));
        _cache.Put(Hash, "model-a", [5f, 6f]);
        Assert.Equal(new[] { 5f, 6f }, _cache.TryGet(Hash, "model-a", 2));
    }

    [Fact]
    public void Should_Leave_No_Temporary_Files_And_Stay_Whole_Under_Concurrent_Writers()
    {
        // Given eight threads rewriting the same entry while eight others read it
        _cache.Put(Hash, "model-a", [0f, 0f, 0f, 0f]);
        var torn = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            if (i % 2 == 0)
            {
                _cache.Put(Hash, "model-a", [i, i, i, i]);
            }
            else if (_cache.TryGet(Hash, "model-a", 4) is { } v && v.Distinct().Count() != 1)
            {
                Interlocked.Increment(ref torn);
            }
        });

        // Then no reader saw a mix of two writes, and only the entry itself is left on disk
        Assert.Equal(0, torn);
        Assert.Equal([_cache.PathOf(Hash, "model-a")], Directory.GetFiles(Path.Combine(_cache.Root, "model-a"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Should_Refuse_Keys_That_Are_Not_Safe_File_Names()
    {
        Assert.Throws<ArgumentException>(() => _cache.PathOf("../../etc/passwd", "model-a"));
        Assert.Throws<ArgumentException>(() => _cache.PathOf(Hash, "../model"));
        Assert.Throws<ArgumentException>(() => _cache.PathOf(Hash.ToUpperInvariant(), "model-a"));
    }
}

/// <summary>Changes process-wide environment variables, so it never runs beside another test class.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Environment";
}

[Collection(EnvironmentCollection.Name)]
public sealed class CacheDirectoryTests
{
    [Fact]
    public void Should_Prefer_The_Option_Then_ITM_CACHE_Then_XDG_Then_Home()
    {
        var saved = (Itm: Environment.GetEnvironmentVariable("ITM_CACHE"), Xdg: Environment.GetEnvironmentVariable("XDG_CACHE_HOME"));
        try
        {
            Environment.SetEnvironmentVariable("ITM_CACHE", "/tmp/itm-env");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", "/tmp/xdg");
            Assert.Equal("/tmp/option", CacheDirectory.Resolve("/tmp/option"));
            Assert.Equal("/tmp/itm-env", CacheDirectory.Resolve());

            Environment.SetEnvironmentVariable("ITM_CACHE", null);
            Assert.Equal("/tmp/xdg/itm", CacheDirectory.Resolve());

            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", null);
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "itm"), CacheDirectory.Resolve());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ITM_CACHE", saved.Itm);
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", saved.Xdg);
        }
    }
}
