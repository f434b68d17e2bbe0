using System.Globalization;
using System.Text.Json;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;

namespace Itm.Cli.Tests;

/// <summary>
/// <c>itm index</c>, <c>search</c>, <c>annotate</c> and <c>similar</c> in-process on a tiny model and tiny images:
/// tables for people, the documented JSON for scripts, exit code 2 with the item named for bad input.
/// </summary>
[Collection("Sequential")]
public sealed class SearchCommandsTests() : TinyIndexWorkspace("itm-cli-search-")
{
    [Fact]
    public void Index_then_search_annotate_and_similar_as_tables_and_as_json()
    {
        var first = Index("--captions", captions);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("13 embedded", first.Output);
        Assert.Contains("1 unreadable", first.Output);
        Assert.Contains("broken.png", first.Output);

        var again = Index();
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("0 embedded", again.Output);
        Assert.Contains("6 captions", again.Output); // kept without --captions

        var table = CliRunner.Run("search", "--db", db, "a red square", "-k", "3");
        Assert.True(table.ExitCode == 0, table.Output);
        Assert.Contains("rank", table.Output);
        Assert.Contains(".png", table.Output);

        var search = Json("search", "--db", db, "a red square", "-k", "3", "--json");
        Assert.Equal("search", search.GetProperty("command").GetString());
        Assert.Equal(3, search.GetProperty("results").GetArrayLength());
        var best = search.GetProperty("results")[0];
        Assert.Equal(1, best.GetProperty("rank").GetInt32());
        Assert.True(File.Exists(best.GetProperty("path").GetString()));

        string original = Path.Combine(images, TinyImages.Original);
        var annotate = Json("annotate", "--db", db, original, "--json");
        Assert.Equal(5, annotate.GetProperty("results").GetArrayLength());
        Assert.Contains(annotate.GetProperty("results")[0].GetProperty("caption").GetString(), TinyModel.Sentences);

        var similar = Json("similar", "--db", db, original, "-k", "2", "--json");
        Assert.Equal(TinyImages.Copy, similar.GetProperty("results")[0].GetProperty("relativePath").GetString());
        long copyId = similar.GetProperty("results")[0].GetProperty("id").GetInt64();

        var byId = Json("similar", "--db", db, copyId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", "1", "--json");
        Assert.Equal(TinyImages.Original, byId.GetProperty("results")[0].GetProperty("relativePath").GetString());
    }

    [Fact]
    public void Bad_input_exits_2_naming_what_is_wrong()
    {
        AssertBadInput(CliRunner.Run("search", "a red square"), "--db");
        AssertBadInput(CliRunner.Run("search", "--db", Path.Combine(root, "no-index"), "a red square"), "itm index");
        AssertBadInput(CliRunner.Run("index", "--model", model, "--images", Path.Combine(root, "no-images"), "--db", db), "no-images");
        AssertBadInput(CliRunner.Run("index", "--model", Path.Combine(root, "no-model"), "--images", images, "--db", db), "itm train");

        Assert.Equal(0, Index().ExitCode);
        AssertBadInput(CliRunner.Run("annotate", "--db", db, Path.Combine(images, TinyImages.Original)), "--captions");
        AssertBadInput(CliRunner.Run("similar", "--db", db, Path.Combine(root, "missing.png")), "missing.png");
        AssertBadInput(CliRunner.Run("similar", "--db", db, Path.Combine(images, TinyImages.Broken)), "broken.png");
        AssertBadInput(CliRunner.Run("search", "--db", db, "a red square", "-k", "0"), "-k");

        string other = TinyModel.Save(Path.Combine(root, "other-model"), seed: 9);
        AssertBadInput(CliRunner.Run("index", "--model", other, "--images", images, "--db", db, "--cache", cache), "--reembed");
        var rebuilt = CliRunner.Run("index", "--model", other, "--images", images, "--db", db, "--cache", cache, "--reembed");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Contains("13 embedded", rebuilt.Output);
    }

    [Fact]
    public void Search_takes_query_algebra_and_an_image_as_the_query_service_does()
    {
        Assert.Equal(0, Index().ExitCode);
        using var service = QueryService.Open(db, new QueryOptions { CacheDir = cache });
        string original = Path.Combine(images, TinyImages.Original);
        long originalId = service.Search("a red square", 20).First(m => m.RelativePath == TinyImages.Original).Id;

        var plain = Json("search", "--db", db, "a red square", "-k", "20", "--json");
        Assert.Equal(Ranked(service.Search("a red square", 20)), Ranked(plain));

        var algebra = Json("search", "--db", db, "a red square -circle +2:\"a blue square\"", "-k", "20", "--json");
        Assert.Equal("a red square -circle +2:\"a blue square\"", algebra.GetProperty("query").GetString());
        Assert.Equal(Ranked(service.Search(QueryExpression.Parse("a red square -circle +2:\"a blue square\""), 20)), Ranked(algebra));
        Assert.NotEqual(Ranked(plain), Ranked(algebra));

        string id = originalId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var byId = Json("search", "--db", db, "circle", "--image", id, "--image-weight", "0.5", "-k", "20", "--json");
        Assert.Equal(Ranked(service.Search(QueryExpression.Parse("circle", ImageReference.Indexed(originalId), 0.5), 20)), Ranked(byId));
        Assert.DoesNotContain(Ranked(byId), r => r.Id == originalId);

        // A query that starts with '-' starts with a space, or the command line would read it as an option.
        var subtractOnly = Json("search", "--db", db, " -circle", "--image", id, "-k", "20", "--json");
        Assert.Equal(Ranked(service.Search(QueryExpression.Parse("-circle", ImageReference.Indexed(originalId)), 20)), Ranked(subtractOnly));

        var byFile = Json("search", "--db", db, "circle", "--image", original, "--image-weight", "-1", "-k", "20", "--json");
        Assert.Equal(Ranked(service.Search(QueryExpression.Parse("circle", ImageReference.File(original), -1), 20)), Ranked(byFile));
        Assert.NotEqual(Ranked(byId), Ranked(byFile));
    }

    [Fact]
    public void Min_precision_needs_a_calibration_and_then_keeps_only_the_likely_images()
    {
        Assert.Equal(0, Index().ExitCode);
        AssertBadInput(CliRunner.Run("search", "--db", db, "a red square", "--min-precision", "0.8"), "calibrate --model");
        AssertBadInput(CliRunner.Run("search", "--db", db, "a red square", "--min-precision", "1"), "--min-precision");
        AssertBadInput(CliRunner.Run("search", "--db", db, "a red square", "--min-precision", "0,8"), "--min-precision");

        // A calibration that puts the middle of this query's scores at 50% and the best one at 99.3%.
        float[] scores;
        using (var uncalibrated = QueryService.Open(db, new QueryOptions { CacheDir = cache }))
        {
            scores = [.. uncalibrated.Search("a red square", 20).Select(m => m.Score)];
        }

        double middle = (scores[0] + scores[^1]) / 2, slope = 10 / (scores[0] - scores[^1]);
        var fitted = new Itm.Evaluation.Calibration.FittedCalibration(new Itm.Evaluation.Calibration.PlattCalibration(slope, -slope * middle),
            "tiny", "val", 4, 4, new Itm.Evaluation.Calibration.Reliability(16, 4, 0, 0, []), DateTimeOffset.UtcNow);
        Itm.Evaluation.Calibration.CalibrationJson.Write(fitted, Path.Combine(model, Itm.Model.Persistence.ModelFolder.CalibrationFile));
        using var service = QueryService.Open(db, new QueryOptions { CacheDir = cache });
        var expected = service.Search("a red square", 20, minPrecision: 0.5);

        var cut = Json("search", "--db", db, "a red square", "-k", "20", "--min-precision", "0.5", "--json");
        var table = CliRunner.Run("search", "--db", db, "a red square", "--min-precision", "0.5");
        var none = CliRunner.Run("search", "--db", db, "a red square", "--min-precision", "0.999");

        Assert.InRange(expected.Count, 1, scores.Length - 1);
        Assert.Equal(Ranked(expected), Ranked(cut));
        Assert.Equal(0.5, cut.GetProperty("minPrecision").GetDouble());
        Assert.All(cut.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("probability").GetDouble() >= 0.5));
        Assert.Contains("P(match)", table.Output);
        Assert.True(none.ExitCode == 0, none.Output);

        // Both figures: each image's probability, and the query's P(any match) = 1 − Π(1 − p) over the best 10 before the
        // cut, however many were asked for.
        var all = Json("search", "--db", db, "a red square", "-k", "20", "--json");
        double any = 1 - all.GetProperty("results").EnumerateArray().Take(10).Aggregate(1.0, (left, r) => left * (1 - r.GetProperty("probability").GetDouble()));
        Assert.Equal(any, all.GetProperty("anyMatchProbability").GetDouble(), 9);
        Assert.Equal(any, cut.GetProperty("anyMatchProbability").GetDouble(), 9);
        Assert.Contains("P(any match among the best 10)", table.Output);
        double anyOfTen = service.Answer(QueryExpression.Parse("a red square"), 10, 0.999).AnyMatchProbability!.Value;
        Assert.Contains(anyOfTen >= 0.999 ? "probably does" : "no good match", none.Output);
    }

    [Fact]
    public void A_bad_query_exits_2_naming_the_token_and_its_position()
    {
        Assert.Equal(0, Index().ExitCode);

        AssertBadInput(CliRunner.Run("search", "--db", db, "a red square +"), "'+' at position 14");
        AssertBadInput(CliRunner.Run("search", "--db", db, "a red 2,5:square"), "'2,5' at position 7");
        AssertBadInput(CliRunner.Run("search", "--db", db, "square -\"red"), "'\"' at position 9");
        AssertBadInput(CliRunner.Run("search", "--db", db, "circle", "--image-weight", "2"), "--image");
        AssertBadInput(CliRunner.Run("search", "--db", db, "circle", "--image", "1", "--image-weight", "0"), "--image-weight");
        AssertBadInput(CliRunner.Run("search", "--db", db, "circle", "--image", Path.Combine(root, "missing.png")), "missing.png");
        AssertBadInput(CliRunner.Run("search", "--db", Path.Combine(root, "no-index"), "a red square +"), "'+' at position 14");
    }

    [Fact]
    public void Explain_writes_the_overlay_and_prints_the_word_weights_as_a_table_and_as_json_by_occlusion_or_grad_cam()
    {
        Assert.Equal(0, Index().ExitCode);
        long id = Json("search", "--db", db, "a red square", "-k", "1", "--json").GetProperty("results")[0].GetProperty("id").GetInt64();
        string overlay = Path.Combine(root, "why", "overlay.png");

        var table = CliRunner.Run("explain", "--db", db, "--image", id.ToString(CultureInfo.InvariantCulture), "a red square", "--out", overlay, "--cache", cache);
        Assert.True(table.ExitCode == 0, table.Output);
        Assert.Contains("drop", table.Output);
        Assert.Contains("square", table.Output);
        Assert.Contains("Peak", table.Output);
        Assert.Contains(overlay, table.Output);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(overlay)[..4]);

        string file = Path.Combine(images, "shapes/blue-square.png");
        var json = Json("explain", "--db", db, "--image", file, "a blue square", "--grid", "3", "--fill", "neutral", "--out", overlay, "--cache", cache, "--json");
        Assert.Equal("explain", json.GetProperty("command").GetString());
        Assert.Equal(file, json.GetProperty("image").GetString());
        Assert.Equal(["a", "blue", "square"], json.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("word").GetString()));
        Assert.Equal(9, json.GetProperty("heatmap").GetProperty("values").GetArrayLength());
        Assert.Equal(3, json.GetProperty("heatmap").GetProperty("rows").GetInt32());
        Assert.Equal(1 / 3.0, json.GetProperty("peak").GetProperty("w").GetDouble(), 6);
        Assert.Equal(overlay, json.GetProperty("overlay").GetString());
        Assert.Equal("occlusion", json.GetProperty("method").GetString());

        var gradCam = Json("explain", "--db", db, "--image", file, "a blue square", "--method", "gradcam", "--layer", "2", "--out", overlay, "--cache", cache, "--json");
        Assert.Equal("gradcam", gradCam.GetProperty("method").GetString());
        Assert.Equal(4, gradCam.GetProperty("heatmap").GetProperty("rows").GetInt32());
        Assert.Equal(16, gradCam.GetProperty("heatmap").GetProperty("values").GetArrayLength());
        var gradCamTable = CliRunner.Run("explain", "--db", db, "--image", file, "a blue square", "--method", "gradcam", "--out", overlay, "--cache", cache);
        Assert.True(gradCamTable.ExitCode == 0, gradCamTable.Output);
        Assert.Contains("Grad-CAM (8×8 maps)", gradCamTable.Output);

        AssertBadInput(CliRunner.Run("explain", "--db", db, "a blue square"), "--image");
        AssertBadInput(CliRunner.Run("explain", "--db", db, "--image", file, "a blue square", "--method", "saliency"), "--method");
        AssertBadInput(CliRunner.Run("explain", "--db", db, "--image", file, "a blue square", "--layer", "1"), "--layer");
        AssertBadInput(CliRunner.Run("explain", "--db", db, "--image", file, "a blue square", "--method", "gradcam", "--layer", "5", "--out", overlay, "--cache", cache), "layer 5");
        AssertBadInput(CliRunner.Run("explain", "--db", db, "--image", file, "a blue square", "--grid", "1"), "--grid");
        AssertBadInput(CliRunner.Run("explain", "--db", db, "--image", file, "a blue square", "--fill", "black"), "--fill");
        AssertBadInput(CliRunner.Run("explain", "--db", db, "--image", "9999", "a blue square", "--out", overlay), "9999");
    }

    [Fact]
    public void Help_lists_the_search_commands()
    {
        var (code, output) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        foreach (string command in new[] { "index", "search", "annotate", "similar", "explain" })
        {
            Assert.Contains(command, output);
        }
    }

    private static JsonElement Json(params string[] args)
    {
        var (code, output) = CliRunner.Run(args);
        Assert.True(code == 0, output);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static (long Id, float Score)[] Ranked(IEnumerable<ImageMatch> matches) => [.. matches.Select(m => (m.Id, m.Score))];

    private static (long Id, float Score)[] Ranked(JsonElement json) =>
        [.. json.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("id").GetInt64(), r.GetProperty("score").GetSingle()))];

    private static void AssertBadInput((int ExitCode, string Output) result, string named)
    {
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Output}");
        Assert.Contains(named, result.Output);
    }
}
