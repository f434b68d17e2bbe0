using System.Formats.Tar;
using System.IO.Compression;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class NpmPackageRules : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_tarball_is_extracted_under_its_package_folder()
    {
        string tarball = WriteTarball(("package/package.json", "{}"), ("package/svg/a.svg", IconPackageFixtures.Square));

        NpmPackage.Extract(tarball, _folder.PathOf("x"));

        Assert.Equal(IconPackageFixtures.Square, File.ReadAllText(_folder.PathOf("x/package/svg/a.svg")));
    }

    [Fact]
    public void An_entry_that_climbs_out_of_the_folder_is_refused()
    {
        string tarball = WriteTarball(("../evil.txt", "x"));

        Assert.Throws<InvalidDataException>(() => NpmPackage.Extract(tarball, _folder.PathOf("x")));
        Assert.False(File.Exists(_folder.PathOf("evil.txt")));
    }

    [Fact]
    public void A_package_already_in_the_cache_is_used_without_npm()
    {
        _folder.WriteText("cache/mdi-svg-7.4.47/package/package.json", "{}");

        string root = NpmPackage.Ensure("@mdi/svg", "7.4.47", _folder.PathOf("cache"), log: null);

        Assert.Equal(_folder.PathOf("cache/mdi-svg-7.4.47/package"), root);
    }

    [Fact]
    public void A_cached_tarball_is_extracted_without_npm()
    {
        string tarball = WriteTarball(("package/package.json", "{}"), ("package/icons/b.svg", IconPackageFixtures.Circle));
        Directory.CreateDirectory(_folder.PathOf("cache/lucide-static-1.62.0"));
        File.Copy(tarball, _folder.PathOf("cache/lucide-static-1.62.0/lucide-static-1.62.0.tgz"));

        string root = NpmPackage.Ensure("lucide-static", "1.62.0", _folder.PathOf("cache"), log: null);

        Assert.True(File.Exists(Path.Combine(root, "icons", "b.svg")));
    }

    private string WriteTarball(params (string Name, string Text)[] files)
    {
        string path = _folder.PathOf($"{Guid.NewGuid():N}.tgz");
        using (FileStream file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var writer = new TarWriter(gzip))
        {
            foreach ((string name, string text) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)) };
                writer.WriteEntry(entry);
            }
        }

        return path;
    }
}
