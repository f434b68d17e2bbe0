namespace Itm.Evaluation.Calibration;

/// <summary>
/// Platt scaling: P(relevant | s) = 1 / (1 + exp(-(A·s + B))). Fitted by Newton's method with a backtracking line
/// search, in double precision, on Platt's smoothed targets: a relevant pair counts as (N₊ + 1) / (N₊ + 2), an
/// irrelevant one as 1 / (N₋ + 2), so separable data still gives finite parameters (Lin, Lin and Weng 2007,
/// "A note on Platt's probabilistic outputs for support vector machines").
/// </summary>
/// <param name="A">Slope on the cosine score (positive for a model whose higher scores mean better matches).</param>
/// <param name="B">Offset.</param>
public sealed record PlattCalibration(double A, double B) : ScoreCalibration
{
    public override string Method => "platt";

    public override double Probability(double score) => Sigmoid((A * score) + B);

    /// <summary>The maximum-likelihood A and B on the smoothed targets.</summary>
    public static PlattCalibration Fit(ScoreCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        long positives = counts.TotalPositives, negatives = counts.TotalPairs - positives;
        double hiTarget = (positives + 1.0) / (positives + 2.0), loTarget = 1.0 / (negatives + 2.0);
        int n = counts.Count;
        double[] x = [.. counts.Scores], w = new double[n], y = new double[n]; // y: each group's smoothed fraction relevant
        for (int i = 0; i < n; i++)
        {
            w[i] = counts.Pairs[i];
            y[i] = ((counts.Positives[i] * hiTarget) + ((counts.Pairs[i] - counts.Positives[i]) * loTarget)) / w[i];
        }

        double a = 0, b = Math.Log((positives + 1.0) / (negatives + 1.0));
        double loss = Loss(x, w, y, a, b);
        for (int iteration = 0; iteration < 100; iteration++)
        {
            // Gradient and Hessian of the mean loss (divided by the pair count, so the tolerances don't scale with it).
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < n; i++)
            {
                double p = Sigmoid((a * x[i]) + b), weight = w[i] / counts.TotalPairs;
                double d = weight * (p - y[i]), h = weight * p * (1 - p);
                ga += d * x[i];
                gb += d;
                haa += h * x[i] * x[i];
                hab += h * x[i];
                hbb += h;
            }

            if (Math.Abs(ga) < 1e-10 && Math.Abs(gb) < 1e-10)
                break;
            double det = (haa * hbb) - (hab * hab);
            double da = -((hbb * ga) - (hab * gb)) / det, db = -((haa * gb) - (hab * ga)) / det;
            double slope = (ga * da) + (gb * db), step = 1;
            double next = Loss(x, w, y, a + da, b + db);
            while (next > loss + (1e-4 * step * slope) && step > 1e-10)
            {
                step /= 2;
                next = Loss(x, w, y, a + (step * da), b + (step * db));
            }

            if (step <= 1e-10)
                break;
            a += step * da;
            b += step * db;
            bool converged = loss - next < 1e-15;
            loss = next;
            if (converged)
                break;
        }

        return new PlattCalibration(a, b);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    // Mean cross-entropy: log(1 + e^z) - y·z per pair, computed without overflow.
    private static double Loss(double[] x, double[] w, double[] y, double a, double b)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double z = (a * x[i]) + b;
            double softplus = z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));
            sum += w[i] * (softplus - (y[i] * z));
            total += w[i];
        }

        return sum / total;
    }
}
