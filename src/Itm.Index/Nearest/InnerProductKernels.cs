using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Itm.Index.Nearest;

/// <summary>
/// The arithmetic of the exact scan. Two shapes: many queries against a few rows at a time (a register-blocked
/// matrix product: each row value is broadcast and multiplied into a whole tile of queries, so a row fetched from
/// memory once serves every query), and one query against a run of rows (memory-bound: the rows are read once and
/// the query stays in registers).
/// </summary>
internal static unsafe class InnerProductKernels
{
    /// <summary>True where 512-bit vectors are fast (AVX-512); otherwise 256-bit kernels with a narrower tile.</summary>
    public static readonly bool Wide = Vector512.IsHardwareAccelerated;

    /// <summary>
    /// Queries scored together by <see cref="ScoreGroup"/>. With 512-bit vectors: 4 vectors of 16 queries against 6
    /// rows is 24 accumulators, which with the 4 query vectors and the broadcast row value fits the 32 registers.
    /// AVX2 has 16 registers: 2 vectors of 8 queries against 4 rows.
    /// </summary>
    public static readonly int TileWidth = Wide ? 64 : 16;

    /// <summary>Rows scored together by <see cref="ScoreGroup"/>.</summary>
    public static readonly int GroupRows = Wide ? 6 : 4;

    /// <summary>
    /// <c>scores[r * TileWidth + j]</c> = row <c>r</c> · query <c>j</c>, for <see cref="GroupRows"/> consecutive rows of
    /// <paramref name="dimension"/> floats at <paramref name="rows"/> and a tile of <see cref="TileWidth"/> queries laid
    /// out dimension-major (<c>tile[d * TileWidth + j]</c> = query <c>j</c>'s value <c>d</c>).
    /// </summary>
    public static void ScoreGroup(float* rows, int dimension, float* tile, float* scores)
    {
        if (Wide)
        {
            Score6x64(rows, dimension, tile, scores);
        }
        else
        {
            Score4x16(rows, dimension, tile, scores);
        }
    }

    /// <summary><c>scores[i]</c> = row <c>i</c> · <paramref name="query"/> for <paramref name="count"/> consecutive rows.</summary>
    public static void DotRows(float* query, float* rows, int dimension, int count, float* scores)
    {
        int i = 0;
        if (Wide && dimension % Vector512<float>.Count == 0)
        {
            for (; i + 4 <= count; i += 4)
            {
                Dot4x512(query, rows + ((long)i * dimension), dimension, scores + i);
            }
        }

        for (; i < count; i++)
        {
            scores[i] = TensorPrimitives.Dot(new ReadOnlySpan<float>(rows + ((long)i * dimension), dimension), new ReadOnlySpan<float>(query, dimension));
        }
    }

    // Fully optimised from the first call: the kernel's loop is short, so tiering would run it unoptimised for a while.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x512(float* query, float* rows, int dimension, float* scores)
    {
        float* r0 = rows;
        float* r1 = r0 + dimension;
        float* r2 = r1 + dimension;
        float* r3 = r2 + dimension;
        var a0 = Vector512<float>.Zero;
        var a1 = Vector512<float>.Zero;
        var a2 = Vector512<float>.Zero;
        var a3 = Vector512<float>.Zero;
        for (int d = 0; d < dimension; d += Vector512<float>.Count)
        {
            var q = Vector512.Load(query + d);
            a0 = Vector512.FusedMultiplyAdd(Vector512.Load(r0 + d), q, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.Load(r1 + d), q, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.Load(r2 + d), q, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.Load(r3 + d), q, a3);
        }

        scores[0] = Vector512.Sum(a0);
        scores[1] = Vector512.Sum(a1);
        scores[2] = Vector512.Sum(a2);
        scores[3] = Vector512.Sum(a3);
    }

    // Fully optimised from the first call: the kernel's loop is short, so tiering would run it unoptimised for a while.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Score6x64(float* rows, int dimension, float* tile, float* scores)
    {
        float* r0 = rows;
        float* r1 = r0 + dimension;
        float* r2 = r1 + dimension;
        float* r3 = r2 + dimension;
        float* r4 = r3 + dimension;
        float* r5 = r4 + dimension;
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<float> c50 = default, c51 = default, c52 = default, c53 = default;
        float* q = tile;
        for (int d = 0; d < dimension; d++, q += 64)
        {
            var q0 = Vector512.Load(q);
            var q1 = Vector512.Load(q + 16);
            var q2 = Vector512.Load(q + 32);
            var q3 = Vector512.Load(q + 48);
            var r = Vector512.Create(r0[d]);
            c00 = Vector512.FusedMultiplyAdd(r, q0, c00);
            c01 = Vector512.FusedMultiplyAdd(r, q1, c01);
            c02 = Vector512.FusedMultiplyAdd(r, q2, c02);
            c03 = Vector512.FusedMultiplyAdd(r, q3, c03);
            r = Vector512.Create(r1[d]);
            c10 = Vector512.FusedMultiplyAdd(r, q0, c10);
            c11 = Vector512.FusedMultiplyAdd(r, q1, c11);
            c12 = Vector512.FusedMultiplyAdd(r, q2, c12);
            c13 = Vector512.FusedMultiplyAdd(r, q3, c13);
            r = Vector512.Create(r2[d]);
            c20 = Vector512.FusedMultiplyAdd(r, q0, c20);
            c21 = Vector512.FusedMultiplyAdd(r, q1, c21);
            c22 = Vector512.FusedMultiplyAdd(r, q2, c22);
            c23 = Vector512.FusedMultiplyAdd(r, q3, c23);
            r = Vector512.Create(r3[d]);
            c30 = Vector512.FusedMultiplyAdd(r, q0, c30);
            c31 = Vector512.FusedMultiplyAdd(r, q1, c31);
            c32 = Vector512.FusedMultiplyAdd(r, q2, c32);
            c33 = Vector512.FusedMultiplyAdd(r, q3, c33);
            r = Vector512.Create(r4[d]);
            c40 = Vector512.FusedMultiplyAdd(r, q0, c40);
            c41 = Vector512.FusedMultiplyAdd(r, q1, c41);
            c42 = Vector512.FusedMultiplyAdd(r, q2, c42);
            c43 = Vector512.FusedMultiplyAdd(r, q3, c43);
            r = Vector512.Create(r5[d]);
            c50 = Vector512.FusedMultiplyAdd(r, q0, c50);
            c51 = Vector512.FusedMultiplyAdd(r, q1, c51);
            c52 = Vector512.FusedMultiplyAdd(r, q2, c52);
            c53 = Vector512.FusedMultiplyAdd(r, q3, c53);
        }

        c00.Store(scores);
        c01.Store(scores + 16);
        c02.Store(scores + 32);
        c03.Store(scores + 48);
        c10.Store(scores + 64);
        c11.Store(scores + 80);
        c12.Store(scores + 96);
        c13.Store(scores + 112);
        c20.Store(scores + 128);
        c21.Store(scores + 144);
        c22.Store(scores + 160);
        c23.Store(scores + 176);
        c30.Store(scores + 192);
        c31.Store(scores + 208);
        c32.Store(scores + 224);
        c33.Store(scores + 240);
        c40.Store(scores + 256);
        c41.Store(scores + 272);
        c42.Store(scores + 288);
        c43.Store(scores + 304);
        c50.Store(scores + 320);
        c51.Store(scores + 336);
        c52.Store(scores + 352);
        c53.Store(scores + 368);
    }

    // Fully optimised from the first call: the kernel's loop is short, so tiering would run it unoptimised for a while.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Score4x16(float* rows, int dimension, float* tile, float* scores)
    {
        float* r0 = rows;
        float* r1 = r0 + dimension;
        float* r2 = r1 + dimension;
        float* r3 = r2 + dimension;
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        float* q = tile;
        for (int d = 0; d < dimension; d++, q += 16)
        {
            var q0 = Vector256.Load(q);
            var q1 = Vector256.Load(q + 8);
            var r = Vector256.Create(r0[d]);
            c00 = Vector256.FusedMultiplyAdd(r, q0, c00);
            c01 = Vector256.FusedMultiplyAdd(r, q1, c01);
            r = Vector256.Create(r1[d]);
            c10 = Vector256.FusedMultiplyAdd(r, q0, c10);
            c11 = Vector256.FusedMultiplyAdd(r, q1, c11);
            r = Vector256.Create(r2[d]);
            c20 = Vector256.FusedMultiplyAdd(r, q0, c20);
            c21 = Vector256.FusedMultiplyAdd(r, q1, c21);
            r = Vector256.Create(r3[d]);
            c30 = Vector256.FusedMultiplyAdd(r, q0, c30);
            c31 = Vector256.FusedMultiplyAdd(r, q1, c31);
        }

        c00.Store(scores);
        c01.Store(scores + 8);
        c10.Store(scores + 16);
        c11.Store(scores + 24);
        c20.Store(scores + 32);
        c21.Store(scores + 40);
        c30.Store(scores + 48);
        c31.Store(scores + 56);
    }
}
