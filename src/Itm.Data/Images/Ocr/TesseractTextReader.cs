using System.Collections.Concurrent;
using System.Diagnostics;

namespace Itm.Data.Images.Ocr;

/// <summary>
/// <see cref="IImageTextReader"/> over Tesseract: files are read in parallel, each by an engine no other thread is
/// using (an engine is not thread-safe). Engines are taken from a pool and put back after each file, so there are
/// never more than the files read at once, each loads its language data once, and all live until dispose.
/// </summary>
public sealed class TesseractTextReader : IImageTextReader, IDisposable
{
    private readonly ConcurrentBag<TesseractEngine> _idle = [];
    private readonly ConcurrentBag<TesseractEngine> _all = [];
    private readonly int _threads;
    private long _images;
    private long _ticks;

    /// <param name="threads">Files read at once; 0 for one per core.</param>
    /// <exception cref="OcrUnavailableException">Tesseract or its language data is missing: said here, before any work.</exception>
    public TesseractTextReader(OcrOptions? options = null, int threads = 0)
    {
        Options = options ?? new OcrOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        _threads = threads == 0 ? Environment.ProcessorCount : threads;
        Release(Create());
    }

    public OcrOptions Options { get; }

    /// <summary>Images read so far, and the mean cost: thread time spent reading per image, in milliseconds.</summary>
    public (long Images, double MillisecondsPerImage) Cost
    {
        get
        {
            long images = Interlocked.Read(ref _images);
            return (images, images == 0 ? 0 : TimeSpan.FromTicks(Interlocked.Read(ref _ticks)).TotalMilliseconds / images);
        }
    }

    public IReadOnlyList<IReadOnlyList<string>> Read(IReadOnlyList<string> paths, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new IReadOnlyList<string>[paths.Count];
        Parallel.For(0, paths.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = cancellation }, i =>
        {
            var engine = _idle.TryTake(out var free) ? free : Create();
            var clock = Stopwatch.StartNew();
            try
            {
                result[i] = engine.ReadTokens(paths[i]);
            }
            catch (ImageLoadException)
            {
                result[i] = []; // the embedder names the file; here it just has no words
            }
            finally
            {
                Release(engine);
            }

            Interlocked.Add(ref _ticks, clock.Elapsed.Ticks);
            Interlocked.Increment(ref _images);
        });
        return result;
    }

    public void Dispose()
    {
        foreach (var engine in _all)
        {
            engine.Dispose();
        }
    }

    private TesseractEngine Create()
    {
        var engine = new TesseractEngine(Options);
        _all.Add(engine);
        return engine;
    }

    private void Release(TesseractEngine engine) => _idle.Add(engine);
}
