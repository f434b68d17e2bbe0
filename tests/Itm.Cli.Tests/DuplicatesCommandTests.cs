using System.Text.Json;
using SkiaSharp;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm duplicates</c> end to end on a tiny folder indexed with the base model: a resized, a re-encoded, a slightly
/// cropped and a recoloured copy of a drawing are grouped with it, and distinct drawings are in no group.
/// </summary>
[Collection("Sequential")]
public sealed class DuplicatesCommandTests : IDisposable
{
    private const int Size = 256;

    private static readonly string[] Copies = ["copies/house-small.png", "copies/house.jpg", "copies/house-cropped.png", "copies/house-recoloured.png"];

    private static readonly string[] Distinct = ["drawings/sun.png", "drawings/tree.png", "drawings/car.png", "drawings/fish.png", "drawings/flower.png"];

    private readonly string root = Directory.CreateTempSubdirectory("itm-cli-duplicates-").FullName;

    private string Images => Path.Combine(root, "images");

    private string Db => Path.Combine(root, "db");

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Copies_of_a_drawing_are_one_group_and_distinct_drawings_are_in_none()
    {
        // Given a house, four copies of it, and five other drawings, indexed with the base model
        WriteDrawings();
        var index = CliRunner.Run("index", "--images", Images, "--db", Db, "--cache", Path.Combine(root, "cache"));
        Assert.True(index.ExitCode == 0, index.Output);

        // When duplicates are asked for, as JSON and as tables
        var json = CliRunner.Run("duplicates", "--db", Db, "--json");
        var table = CliRunner.Run("duplicates", "--db", Db);

        // Then the house and its copies are the one group, each copy with its similarity to the representative
        Assert.True(json.ExitCode == 0, json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var answer = document.RootElement;
        Assert.Equal("duplicates", answer.GetProperty("command").GetString());
        Assert.Equal(10, answer.GetProperty("images").GetInt64());
        var group = Assert.Single(answer.GetProperty("groups").EnumerateArray());
        var members = group.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(
            ["drawings/house.png", .. Copies],
            members.Select(m => m.GetProperty("relativePath").GetString()!).OrderBy(p => p.StartsWith("copies/", StringComparison.Ordinal)).ThenBy(p => Array.IndexOf(Copies, p)));
        Assert.Equal(5, group.GetProperty("size").GetInt32());
        Assert.Equal(1f, members[0].GetProperty("similarity").GetSingle());
        Assert.All(members.Skip(1), m => Assert.InRange(m.GetProperty("similarity").GetSingle(), 0.5f, 1.0001f));
        Assert.Equal(4, answer.GetProperty("redundant").GetInt32());
        Assert.True(table.ExitCode == 0, table.Output);
        Assert.Contains("Group 1: 5 images", table.Output);
        Assert.Contains("representative", table.Output);
        Assert.Contains("keeping one of each would remove 4", table.Output);
    }

    [Fact]
    public void Through_an_hnsw_graph_the_copies_are_still_one_group()
    {
        // Given the drawings indexed with the base model and an HNSW graph; the index centres its vectors on the
        // collection, and the house and its four copies are half of it, so centred vectors would spread the copies apart
        WriteDrawings();
        var index = CliRunner.Run("index", "--images", Images, "--db", Db, "--cache", Path.Combine(root, "cache"), "--search", "hnsw");
        Assert.True(index.ExitCode == 0, index.Output);
        Assert.Contains("Centring image vectors", index.Output);

        // When duplicates are asked for
        var json = CliRunner.Run("duplicates", "--db", Db, "--json");

        // Then the model's own vectors decide, searched through a graph of their own: the house and its copies are one group
        Assert.True(json.ExitCode == 0, json.Output);
        using var document = JsonDocument.Parse(json.Output);
        var group = Assert.Single(document.RootElement.GetProperty("groups").EnumerateArray());
        Assert.Equal(
            ["drawings/house.png", .. Copies],
            group.GetProperty("images").EnumerateArray().Select(m => m.GetProperty("relativePath").GetString()!)
                .OrderBy(p => p.StartsWith("copies/", StringComparison.Ordinal)).ThenBy(p => Array.IndexOf(Copies, p)));
    }

    [Theory]
    [InlineData("1.5", "'1.5'")]
    [InlineData("0.1", "'0.1'")]
    [InlineData("abc", "not a number")]
    [InlineData("0,9", "not a number")]
    public void A_bad_threshold_exits_2_naming_itself_and_what_to_give(string threshold, string said)
    {
        var (code, output) = CliRunner.Run("duplicates", "--db", Db, "--threshold", threshold);

        Assert.Equal(2, code);
        Assert.Contains("--threshold", output);
        Assert.Contains(said, output);
        Assert.Contains("from 0.5 to 1", output);
    }

    [Fact]
    public void Without_an_index_it_exits_2_saying_how_to_build_one()
    {
        var (code, output) = CliRunner.Run("duplicates", "--db", Path.Combine(root, "no-index"));

        Assert.Equal(2, code);
        Assert.Contains("itm index", output);
    }

    /// <summary>The drawings, and the house's copies: resized to 45 %, JPEG at quality 50, 8 % cut off two sides, hues turned 60°.</summary>
    private void WriteDrawings()
    {
        using var house = Draw(House, hueTurn: 0);
        Save(house, "drawings/house.png");
        using (var small = house.Resize(new SKImageInfo(Size * 45 / 100, Size * 45 / 100), new SKSamplingOptions(SKCubicResampler.Mitchell)))
        {
            Save(small, Copies[0]);
        }

        Save(house, Copies[1], SKEncodedImageFormat.Jpeg, 50);
        using (var cropped = new SKBitmap(Size * 92 / 100, Size * 92 / 100))
        {
            house.ExtractSubset(cropped, SKRectI.Create(Size * 5 / 100, Size * 3 / 100, cropped.Width, cropped.Height));
            Save(cropped, Copies[2]);
        }

        using (var recoloured = Draw(House, hueTurn: 60))
        {
            Save(recoloured, Copies[3]);
        }

        Action<SKCanvas, Func<float, float, float, SKPaint>>[] others = [Sun, Tree, Car, Fish, Flower];
        for (int i = 0; i < others.Length; i++)
        {
            using var drawing = Draw(others[i], hueTurn: 0);
            Save(drawing, Distinct[i]);
        }
    }

    /// <summary>A drawing on white; its colours are given as hue, saturation, value, and every hue is turned by <paramref name="hueTurn"/>°.</summary>
    private static SKBitmap Draw(Action<SKCanvas, Func<float, float, float, SKPaint>> drawing, float hueTurn)
    {
        var bitmap = new SKBitmap(Size, Size);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        var paints = new List<SKPaint>();
        drawing(canvas, (h, s, v) =>
        {
            var paint = new SKPaint { Color = SKColor.FromHsv((h + hueTurn) % 360, s, v), IsAntialias = true };
            paints.Add(paint);
            return paint;
        });
        paints.ForEach(p => p.Dispose());
        return bitmap;
    }

    private static void House(SKCanvas canvas, Func<float, float, float, SKPaint> colour)
    {
        canvas.DrawRect(0, 200, Size, 56, colour(110, 70, 60));
        canvas.DrawRect(60, 110, 136, 100, colour(30, 80, 80));
        using var roof = SKPath.ParseSvgPathData("M 40 115 L 128 40 L 216 115 Z");
        canvas.DrawPath(roof, colour(0, 85, 85));
        canvas.DrawRect(112, 150, 32, 60, colour(220, 80, 60));
        canvas.DrawRect(76, 130, 24, 24, colour(200, 40, 95));
        canvas.DrawRect(156, 130, 24, 24, colour(200, 40, 95));
    }

    private static void Sun(SKCanvas canvas, Func<float, float, float, SKPaint> colour)
    {
        var ray = colour(45, 90, 100);
        ray.StrokeWidth = 10;
        for (int i = 0; i < 12; i++)
        {
            float angle = i * MathF.PI / 6;
            canvas.DrawLine(128 + (70 * MathF.Cos(angle)), 128 + (70 * MathF.Sin(angle)), 128 + (115 * MathF.Cos(angle)), 128 + (115 * MathF.Sin(angle)), ray);
        }

        canvas.DrawCircle(128, 128, 60, colour(50, 95, 100));
    }

    private static void Tree(SKCanvas canvas, Func<float, float, float, SKPaint> colour)
    {
        canvas.DrawRect(112, 140, 32, 100, colour(25, 70, 45));
        canvas.DrawCircle(128, 100, 80, colour(120, 75, 55));
    }

    private static void Car(SKCanvas canvas, Func<float, float, float, SKPaint> colour)
    {
        canvas.DrawRoundRect(20, 110, 216, 60, 12, 12, colour(0, 90, 90));
        canvas.DrawRoundRect(70, 70, 110, 50, 12, 12, colour(0, 90, 90));
        canvas.DrawCircle(70, 175, 24, colour(0, 0, 15));
        canvas.DrawCircle(186, 175, 24, colour(0, 0, 15));
    }

    private static void Fish(SKCanvas canvas, Func<float, float, float, SKPaint> colour)
    {
        canvas.DrawRect(0, 0, Size, Size, colour(200, 60, 95));
        canvas.DrawOval(120, 128, 80, 45, colour(28, 90, 100));
        using var tail = SKPath.ParseSvgPathData("M 190 128 L 245 85 L 245 171 Z");
        canvas.DrawPath(tail, colour(28, 90, 100));
        canvas.DrawCircle(75, 118, 7, colour(0, 0, 10));
    }

    private static void Flower(SKCanvas canvas, Func<float, float, float, SKPaint> colour)
    {
        var stem = colour(120, 70, 50);
        stem.StrokeWidth = 8;
        canvas.DrawLine(128, 128, 128, 250, stem);
        for (int i = 0; i < 6; i++)
        {
            float angle = i * MathF.PI / 3;
            canvas.DrawCircle(128 + (45 * MathF.Cos(angle)), 100 + (45 * MathF.Sin(angle)), 30, colour(320, 50, 100));
        }

        canvas.DrawCircle(128, 100, 25, colour(50, 90, 100));
    }

    private void Save(SKBitmap bitmap, string relative, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 100)
    {
        string path = Path.Combine(Images, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var data = bitmap.Encode(format, quality);
        File.WriteAllBytes(path, data.ToArray());
    }
}
