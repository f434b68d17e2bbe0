using SkiaSharp;

namespace Itm.Data.Recipes;

/// <summary>Draws a <see cref="SyntheticScene"/> with SkiaSharp: filled, anti-aliased shapes with a darker outline on a light background.</summary>
public sealed class SceneRenderer
{
    private readonly int _size;

    /// <param name="size">Side of the square image in pixels.</param>
    public SceneRenderer(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _size = size;
    }

    /// <summary>The scene as PNG bytes.</summary>
    public byte[] RenderPng(SyntheticScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var info = new SKImageInfo(_size, _size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(ToSk(scene.Background));

        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        // The outline keeps yellow and orange shapes crisp against near-white backgrounds.
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1f, _size / 128f) };
        foreach (SceneObject o in scene.Objects)
        {
            using SKPath path = ShapePath(o.Shape, (float)(o.X * _size), (float)(o.Y * _size), (float)(o.Radius * _size));
            fill.Color = ToSk(o.Fill);
            outline.Color = ToSk(Darker(o.Fill));
            canvas.DrawPath(path, fill);
            canvas.DrawPath(path, outline);
        }

        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The outline of a shape that fits in the box <c>[cx - r, cx + r] x [cy - r, cy + r]</c>.</summary>
    private static SKPath ShapePath(SceneShape shape, float cx, float cy, float r)
    {
        using var path = new SKPathBuilder();
        switch (shape)
        {
            case SceneShape.Circle:
                path.AddCircle(cx, cy, r);
                break;
            case SceneShape.Square:
                // A full-box square would look much bigger than the circle; 0.8 r brings their areas closer.
                float half = 0.8f * r;
                path.AddRect(new SKRect(cx - half, cy - half, cx + half, cy + half));
                break;
            case SceneShape.Triangle:
                // Moved down and enlarged so the triangle fills its box as much as the other shapes do (x within
                // +-0.95 r, y within -0.95 r .. +0.7 r).
                AddPolygon(path, cx, cy + 0.15f * r, 1.1f * r, 3, innerRatio: 1);
                break;
            case SceneShape.Star:
                AddPolygon(path, cx, cy + 0.05f * r, 1.05f * r, 5, innerRatio: 0.45f);
                break;
            case SceneShape.Diamond:
                // Narrower than tall, so it cannot be mistaken for a rotated square.
                path.MoveTo(cx, cy - r);
                path.LineTo(cx + 0.7f * r, cy);
                path.LineTo(cx, cy + r);
                path.LineTo(cx - 0.7f * r, cy);
                path.Close();
                break;
            case SceneShape.Hexagon:
                AddPolygon(path, cx, cy, r, 6, innerRatio: 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, null);
        }

        return path.Detach();
    }

    /// <summary>A regular polygon (innerRatio 1) or star (innerRatio &lt; 1) with its first vertex pointing up.</summary>
    private static void AddPolygon(SKPathBuilder path, float cx, float cy, float r, int points, float innerRatio)
    {
        bool star = innerRatio < 1;
        int vertices = star ? points * 2 : points;
        for (int k = 0; k < vertices; k++)
        {
            double angle = -Math.PI / 2 + k * 2 * Math.PI / vertices;
            float radius = star && k % 2 == 1 ? r * innerRatio : r;
            float x = cx + radius * (float)Math.Cos(angle);
            float y = cy + radius * (float)Math.Sin(angle);
            if (k == 0)
                path.MoveTo(x, y);
            else
                path.LineTo(x, y);
        }

        path.Close();
    }

    private static Rgb Darker(Rgb c) => new((byte)(c.R * 0.6), (byte)(c.G * 0.6), (byte)(c.B * 0.6));

    private static SKColor ToSk(Rgb c) => new(c.R, c.G, c.B);
}
