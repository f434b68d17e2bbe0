using Itm.Evaluation.Calibration;
using Itm.Model.Persistence;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Server.Tests.Fixtures;

/// <summary>
/// A tiny indexed folder of its own whose model has a calibration made for <see cref="Query"/>: its best
/// <see cref="Likely"/> images are 60% likely to match, the rest 10%. (The shared <see cref="ServedIndex"/> stays uncalibrated.)
/// </summary>
public sealed class CalibratedIndex : IDisposable
{
    public const string Query = "a red square";
    public const int Likely = 3;

    public CalibratedIndex()
    {
        Folder = new IndexedFolder();
        Options = new ServerOptions
        {
            IndexDir = Folder.Db,
            CacheDir = Folder.Cache,
            Limits = new ServerLimits { RateLimit = 0, ExpensiveRateLimit = 0 },
        };
        float last, next;
        using (var service = QueryService.Open(Folder.Db, new QueryOptions { CacheDir = Folder.Cache }))
        {
            Ranking = service.Search(Query, 30);
            (last, next) = (Ranking[Likely - 1].Score, Ranking[Likely].Score);
            // A query with at most one of its best ten above the low knot: P(any match among them) is at most
            // 1 − 0.4 · 0.9⁹ = 85%, under the page's 90%. The tiny model's sentences, alone or away from the calibrated query.
            Unlikely = TinyModel.Sentences.Concat(TinyModel.Sentences.Where(s => s != Query).SelectMany(s => new[] { 1, 2, 4 }.Select(w => $"\"{s}\" -{w}:\"{Query}\"")))
                .FirstOrDefault(q => service.Search(QueryExpression.Parse(q), 10).Count(m => m.Score > next) <= 1)
                ?? throw new InvalidOperationException("Every query tried has two of its best ten above the calibration's low knot.");
        }

        // Two knots: 0.1 up to the first unlikely score, 0.6 from the last likely one on.
        Assert.True(last > next, $"the tiny model ties at rank {Likely}");
        var calibration = new IsotonicCalibration([next, last], [0.1, 0.6]);
        // Fitted on as many images as the index holds, so search applies it unshifted.
        int images = Folder.ReadableImages.Count;
        var fitted = new FittedCalibration(calibration, "tiny", "val", images, images, new Reliability(images * images, images, 0, 0, []), DateTimeOffset.UtcNow);
        CalibrationJson.Write(fitted, Path.Combine(Folder.ModelDir, ModelFolder.CalibrationFile));
    }

    public IndexedFolder Folder { get; }

    public ServerOptions Options { get; }

    /// <summary>A query with at most one of its best ten above the low knot: under 90% that any of them matches.</summary>
    public string Unlikely { get; }

    /// <summary>The query's ranking, before the calibration existed.</summary>
    public IReadOnlyList<ImageMatch> Ranking { get; }

    public void Dispose() => Folder.Dispose();
}
