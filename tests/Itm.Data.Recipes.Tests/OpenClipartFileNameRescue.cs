using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class OpenClipartFileNameRescue : IDisposable
{
    private const string SetTitle = "Part of the Bar Collection";

    private static readonly string[] FillerWords =
    [
        "anchor", "bicycle", "candle", "drum", "engine", "feather", "guitar", "hammer", "igloo", "jacket", "kettle", "ladder",
    ];

    private readonly TempDataFolder _folder = new();

    public OpenClipartFileNameRescue()
    {
        // Kept drawings whose titles hold the words the file names below need: "room", "coffee", "lighthouse", "star".
        Write("things/lounge.svg", SvgFixtures.Svg("A room with chairs", body: SvgFixtures.Rect(1)));
        Write("things/mug.svg", SvgFixtures.Svg("Coffee mug", body: SvgFixtures.Rect(2)));
        Write("things/beacon.svg", SvgFixtures.Svg("Lighthouse at night", body: SvgFixtures.Rect(3)));
        Write("things/star.svg", SvgFixtures.Svg("Star", body: SvgFixtures.Rect(4)));
        for (int i = 0; i < FillerWords.Length; i++)
            Write($"things/{FillerWords[i]}_drawing.svg", SvgFixtures.Svg($"The {FillerWords[i]}", body: SvgFixtures.Rect(100 + i)));

        // An icon set whose only caption is its collection title: boilerplate, so each drawing needs its file name.
        Write("icons/aiga_waiting_room1.svg", SvgFixtures.Svg(SetTitle, body: SvgFixtures.Rect(10)));
        Write("icons/coffee_cup_jane_doe_01.svg", SvgFixtures.Svg(SetTitle, creator: "Jane Doe", body: SvgFixtures.Rect(11)));
        Write("icons/kget.svg", SvgFixtures.Svg(SetTitle, body: SvgFixtures.Rect(12)));
        Write("icons/part_of_the_bar_collection.svg", SvgFixtures.Svg(SetTitle, body: SvgFixtures.Rect(13)));
        for (int i = 0; i < 5; i++)
            Write($"icons/star_{5 + 2 * i:00}pt02step.svg", SvgFixtures.Svg(SetTitle, body: SvgFixtures.Rect(20 + i)));

        // A drawing whose only title is a file name with nothing in it.
        Write("misc/lighthouse_03.svg", SvgFixtures.Svg("image001", body: SvgFixtures.Rect(30)));

        // A gradient swatch of the set: a good name, but a blank picture.
        Write("icons/gradient_coffee_room.svg", SvgFixtures.Svg(SetTitle, body: SvgContentRules.Gradient));
    }

    public void Dispose() => _folder.Dispose();

    private string Source => _folder.PathOf("src");

    [Fact]
    public void Drawings_with_only_boilerplate_are_rescued_by_their_file_names()
    {
        OpenClipartResult result = Run("out");
        OpenClipartReport report = result.Report;
        var byId = result.Dataset.Images.ToDictionary(i => i.Id);

        // The collection prefix, the author's name and the numbers are gone; the drawing's own words stay
        Assert.Equal(["waiting room"], Raw(byId["icons/aiga_waiting_room1.svg"]));
        Assert.Equal(["coffee cup"], Raw(byId["icons/coffee_cup_jane_doe_01.svg"]));
        Assert.Equal(["lighthouse"], Raw(byId["misc/lighthouse_03.svg"]));

        // and a name no other caption shares, a name that repeats the collection title, a name five families
        // share, and a drawing that draws nothing are still dropped
        Assert.False(byId.ContainsKey("icons/kget.svg"));
        Assert.False(byId.ContainsKey("icons/gradient_coffee_room.svg"));
        Assert.False(byId.ContainsKey("icons/part_of_the_bar_collection.svg"));
        Assert.DoesNotContain(byId.Keys, id => id.StartsWith("icons/star_", StringComparison.Ordinal));

        // and the report counts every outcome
        Assert.Equal((1, 1, 9), (report.DrawsNothing, report.NoCaptionAfterCleaning, report.NoCaptionAfterBoilerplate));
        Assert.Equal((3, 2, 5), (report.FileNameRescued, report.FileNameUninformative, report.FileNameBoilerplate));
        Assert.Equal(8, report.Dropped);
        Assert.Equal(report.DistinctDrawings - report.Dropped, report.ImagesKept);
        Assert.Equal(3, report.SentencesByKind[CaptionKind.FileName]);
        Assert.Equal((4, 4), (report.Val, report.Test));
    }

    [Fact]
    public void The_rescue_is_deterministic_and_can_be_turned_off()
    {
        OpenClipartResult first = Run("out");
        OpenClipartResult again = Run("again");
        OpenClipartResult without = new OpenClipartRecipe(new OpenClipartOptions(_folder.PathOf("without"), Source, ValCount: 4, TestCount: 4, FileNameFallback: false)).Run();

        Assert.Equal(File.ReadAllBytes(first.DatasetPath), File.ReadAllBytes(again.DatasetPath));
        Assert.Equal(first.Report.ImagesKept - 3, without.Report.ImagesKept);
        Assert.Equal(0, without.Report.FileNameRescued);
        Assert.Equal(11, without.Report.Dropped);
        Assert.DoesNotContain(without.Dataset.Images, i => i.Id.StartsWith("icons/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_blank_drawing_still_counts_as_a_carrier_of_boilerplate()
    {
        // Five families carry "Swatch Set", one of them blank: the four that draw something must not keep it.
        for (int i = 0; i < 4; i++)
            Write($"swatches/swatch_{"abcd"[i]}x.svg", SvgFixtures.Svg("Swatch Set", body: SvgFixtures.Rect(40 + i)));
        Write("swatches/swatch_blank.svg", SvgFixtures.Svg("Swatch Set", body: SvgContentRules.Gradient.Replace("id=\"g\"", "id=\"s\"", StringComparison.Ordinal)));

        OpenClipartResult result = Run("out");

        Assert.DoesNotContain(result.Dataset.Images, i => i.Id.StartsWith("swatches/", StringComparison.Ordinal));
        Assert.Equal((2, 13), (result.Report.DrawsNothing, result.Report.NoCaptionAfterBoilerplate));
    }

    private OpenClipartResult Run(string outFolder) =>
        new OpenClipartRecipe(new OpenClipartOptions(_folder.PathOf(outFolder), Source, ValCount: 4, TestCount: 4)).Run();

    private void Write(string relative, string svg) => _folder.WriteText(Path.Combine("src", relative), svg);

    private static string[] Raw(CaptionedImage image) => image.Captions.Select(c => c.Raw).ToArray();
}
