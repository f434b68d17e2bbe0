using Itm.Data.Images;
using Itm.Model.Features;
using Itm.Model.ImageEncoders;

namespace Itm.Model.Tests.Features;

public sealed class CachedFeatureExtractorTests : IDisposable
{
    private readonly CacheScratch _scratch = new();
    private readonly FakeExtractor _fake = new();
    private readonly CachedFeatureExtractor _cached;

    public CachedFeatureExtractorTests() => _cached = new CachedFeatureExtractor(_fake, new FeatureCache(_scratch.CacheRoot));

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Should_Extract_Only_Misses_And_Return_Everything_In_Input_Order()
    {
        // Given three files, one of them already cached
        var a = _scratch.Write("a.png", "apple");
        var b = _scratch.Write("b.png", "banana");
        var c = _scratch.Write("c.png", "cherry");
        _cached.Extract([b]);
        _fake.Calls.Clear();

        // When all three are asked for, cached one in the middle
        var result = _cached.Extract([c, b, a]);

        // Then only the two misses reach the extractor, and the answers line up with the question
        Assert.Equal([[c, a]], _fake.Calls);
        Assert.Equal([FakeExtractor.Expected("cherry"), FakeExtractor.Expected("banana"), FakeExtractor.Expected("apple")], result.Features);
        Assert.Equal((1, 2), (result.CacheHits, result.Extracted));
        Assert.Empty(result.Unreadable);
    }

    [Fact]
    public void Should_Hit_For_A_Renamed_File_And_Miss_For_An_Edited_One()
    {
        var path = _scratch.Write("photo.jpg", "original");
        _cached.Extract([path]);

        // Renamed: same bytes, so no extraction
        var renamed = Path.Combine(_scratch.Files, "renamed.jpg");
        File.Move(path, renamed);
        var afterRename = _cached.Extract([renamed]);
        Assert.Equal((1, 0), (afterRename.CacheHits, afterRename.Extracted));

        // Edited: new bytes, so extracted again
        File.WriteAllText(renamed, "edited!");
        var afterEdit = _cached.Extract([renamed]);
        Assert.Equal((0, 1), (afterEdit.CacheHits, afterEdit.Extracted));
        Assert.Equal(FakeExtractor.Expected("edited!"), afterEdit.Features[0]);
    }

    [Fact]
    public void Should_Miss_When_The_Extractor_Fingerprint_Changes()
    {
        var path = _scratch.Write("a.png", "apple");
        _cached.Extract([path]);
        var retrained = new FakeExtractor { Fingerprint = "fake-2" };

        var result = new CachedFeatureExtractor(retrained, new FeatureCache(_scratch.CacheRoot)).Extract([path]);

        Assert.Equal((0, 1), (result.CacheHits, result.Extracted));
    }

    [Fact]
    public void Should_Extract_Identical_Files_Once()
    {
        var one = _scratch.Write("one.png", "twin");
        var two = _scratch.Write("two.png", "twin");

        var result = _cached.Extract([one, two]);

        Assert.Single(_fake.Calls);
        Assert.Single(_fake.Calls[0]);
        Assert.Equal(result.Features[0], result.Features[1]);
    }

    [Fact]
    public void Should_Propagate_The_Error_Naming_The_File_Unless_Skipping()
    {
        var good = _scratch.Write("good.png", "fine");
        var bad = _scratch.Write("bad.png", "bad bytes");

        var error = Assert.Throws<ImageLoadException>(() => _cached.Extract([good, bad]));

        Assert.Equal(bad, error.Path);
    }

    [Fact]
    public void Should_Skip_Unreadable_And_Missing_Images_As_Nulls_And_Count_Them()
    {
        // Given a good file, a corrupt one, a missing one and another good one, processed in chunks of 2
        var skipping = new CachedFeatureExtractor(_fake, new FeatureCache(_scratch.CacheRoot),
            new CachedFeatureExtractorOptions { SkipUnreadable = true, ChunkSize = 2 });
        var paths = new[]
        {
            _scratch.Write("1.png", "first"),
            _scratch.Write("2.png", "bad one"),
            Path.Combine(_scratch.Files, "missing.png"),
            _scratch.Write("4.png", "fourth"),
        };
        var reports = new List<FeatureProgress>();

        var result = skipping.Extract(paths, new SynchronousProgress(reports.Add));

        // Then the two unreadable ones are null, named and counted; the good ones are extracted and cached
        Assert.Equal([FakeExtractor.Expected("first"), null, null, FakeExtractor.Expected("fourth")], result.Features);
        Assert.Equal([paths[1], paths[2]], result.Unreadable.Select(e => e.Path).Order());
        Assert.Equal([ImageLoadFailure.Corrupt, ImageLoadFailure.Missing], result.Unreadable.OrderBy(e => e.Path).Select(e => e.Failure));
        Assert.Equal(2, result.Extracted);
        Assert.Equal(new FeatureProgress(4, 4, 0, 2), reports[^1]);
        Assert.Equal(2, skipping.Extract(paths).CacheHits);
    }

    [Fact]
    public void Should_Keep_Finished_Chunks_When_A_Later_Chunk_Fails()
    {
        // Given chunks of 2 and a bad image in the second chunk, without skipping
        var chunked = new CachedFeatureExtractor(_fake, new FeatureCache(_scratch.CacheRoot), new CachedFeatureExtractorOptions { ChunkSize = 2 });
        var paths = new[] { _scratch.Write("1.png", "one"), _scratch.Write("2.png", "two"), _scratch.Write("3.png", "bad") };
        Assert.Throws<ImageLoadException>(() => chunked.Extract(paths));

        // Then the first chunk's vectors were stored: a rerun without the bad image is all hits
        var rerun = chunked.Extract(paths[..2]);
        Assert.Equal((2, 0), (rerun.CacheHits, rerun.Extracted));
    }

    private sealed class SynchronousProgress(Action<FeatureProgress> report) : IProgress<FeatureProgress>
    {
        public void Report(FeatureProgress value) => report(value);
    }
}
