using System.Diagnostics;

namespace Itm.Data.Images.Ocr;

/// <summary>
/// <see cref="IImageTextReader"/> over Tesseract: files are read in parallel, one <see cref="TesseractEngine"/> per
/// thread (an engine is not thread-safe), each created on its thread's first file and kept until dispose.
/// </summary>
public sealed class TesseractTextReader : IImageTextReader, IDisposable
{
    private readonly ThreadLocal<TesseractEngine> _engines;
    private readonly int _threads;
    private readonly TesseractEngine _first;
    private int _firstTaken;
    private long _images;
    private long _ticks;

    /// <param name="threads">Files read at once; 0 for one per core.</param>
    /// <exception cref="OcrUnavailableException">Tesseract or its language data is missing: said here, before any work.</exception>
    public TesseractTextReader(OcrOptions? options = null, int threads = 0)
    {
        Options = options ?? new OcrOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        _threads = threads == 0 ? Environment.ProcessorCount : threads;
        _first = new TesseractEngine(Options);
        _engines = new ThreadLocal<TesseractEngine>(
            () => Interlocked.Exchange(ref _firstTaken, 1) == 0 ? _first : new TesseractEngine(Options), trackAllValues: true);
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
            var clock = Stopwatch.StartNew();
            try
            {
                result[i] = _engines.Value!.ReadTokens(paths[i]);
            }
            catch (ImageLoadException)
            {
                result[i] = [];
            }

            Interlocked.Add(ref _ticks, clock.Elapsed.Ticks);
            Interlocked.Increment(ref _images);
        });
        return result;
    }

    public void Dispose()
    {
        foreach (var engine in _engines.Values)
        {
            engine.Dispose();
        }

        if (_firstTaken == 0)
        {
            _first.Dispose();
        }

        _engines.Dispose();
    }
}
