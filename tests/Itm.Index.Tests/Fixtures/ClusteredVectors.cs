using System.Numerics.Tensors;

namespace Itm.Index.Tests.Fixtures;

/// <summary>
/// Unit vectors in tight clusters around random centres, the way real embeddings fall (images of one kind near each
/// other). HNSW is tested on these: on isotropic Gaussian vectors every point is almost equidistant from every other
/// and no graph search does well, which says nothing about real data.
/// </summary>
internal static class ClusteredVectors
{
    public static float[] Generate(int count, int dimension, int clusters, int seed, float spread = 0.3f)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Unit(Gaussian(random, dimension))).ToArray();
        var rows = new float[count * dimension];
        for (int i = 0; i < count; i++)
        {
            var centre = centres[random.Next(clusters)];
            var noise = Gaussian(random, dimension);
            var point = new float[dimension];
            for (int d = 0; d < dimension; d++)
            {
                point[d] = centre[d] + (spread * noise[d] / MathF.Sqrt(dimension));
            }

            Unit(point).CopyTo(rows, i * dimension);
        }

        return rows;
    }

    public static float[] Unit(float[] vector)
    {
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    private static float[] Gaussian(Random random, int dimension) =>
        Enumerable.Range(0, dimension).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray();
}
