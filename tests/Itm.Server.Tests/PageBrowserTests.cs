using Itm.Search;
using Itm.Search.Queries;
using Itm.Search.Tests.Fixtures;
using Itm.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Itm.Server.Tests;

/// <summary>
/// The page in a real browser (Debian's Chromium driven by Playwright) against the server as <c>itm serve</c> runs it,
/// on a free loopback port: type a query, see the expected top image, click it, see its captions; upload an image.
/// </summary>
[Collection("Sequential")]
public sealed class PageBrowserTests : IClassFixture<CalibratedIndex>
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly ServedIndex served;
    private readonly CalibratedIndex calibrated;

    public PageBrowserTests(ServedIndex served, CalibratedIndex calibrated)
    {
        this.served = served;
        this.calibrated = calibrated;
    }

    [Fact]
    public async Task Searching_shows_the_top_image_and_clicking_it_shows_its_captions()
    {
        var top = served.Queries.Search("a red square", 1)[0];
        var captions = served.Queries.Annotate(ImageReference.Indexed(top.Id), 8);
        await using var app = await StartServerAsync();
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(app.Urls.First());
        await page.FillAsync("#q", "a red square");
        await page.PressAsync("#q", "Enter");
        var first = page.Locator("#results .card").First;
        await first.WaitForAsync();

        Assert.Equal(top.RelativePath, await first.GetAttributeAsync("data-path"));
        // The page asks for 30; the tiny index has fewer.
        Assert.Equal(served.Folder.ReadableImages.Count, await page.Locator("#results .card").CountAsync());

        await first.ClickAsync();
        var firstCaption = page.Locator("#captions li .caption").First;
        await firstCaption.WaitForAsync();

        Assert.Equal(captions[0].Text, await firstCaption.TextContentAsync());
        Assert.Equal(captions.Count, await page.Locator("#captions li").CountAsync());
        await page.Locator("#similar .card").First.WaitForAsync();
        Assert.Equal(top.RelativePath, await page.TextContentAsync("#panel-title"));
    }

    [Fact]
    public async Task Explaining_a_result_shows_the_overlay_instead_of_the_image_and_the_words_by_weight_by_either_method()
    {
        await using var app = await StartServerAsync();
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await page.GotoAsync(app.Urls.First());
        await page.FillAsync("#q", "a red square");
        await page.PressAsync("#q", "Enter");
        await page.Locator("#results .card").First.ClickAsync();

        await page.ClickAsync("#explain");
        await page.Locator("#explain-words .word").First.WaitForAsync();

        Assert.Equal("true", await page.GetAttributeAsync("#explain", "aria-pressed"));
        Assert.StartsWith("/api/explain.png?", new Uri(await page.EvaluateAsync<string>("document.querySelector('#panel-image').src")).PathAndQuery);
        // The overlay (320 pixels wide) has loaded in place of the image.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#panel-image'); return i.complete && i.naturalWidth === 320; }");
        Assert.Equal(["a", "red", "square"], await page.Locator("#explain-words .word").AllTextContentsAsync());

        // Grad-CAM, picked beside the toggle, draws its own overlay (the tiny ConvNet has maps)
        Assert.True(await page.Locator("#explain-method").IsVisibleAsync());
        await page.SelectOptionAsync("#explain-method", "gradcam");
        await page.WaitForFunctionAsync("() => document.querySelector('#panel-image').src.includes('method=gradcam')");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#panel-image'); return i.complete && i.naturalWidth === 320; }");
        await page.Locator("#explain-words .word").First.WaitForAsync();

        await page.ClickAsync("#explain");
        Assert.True(await page.Locator("#explain-words").IsHiddenAsync());
        Assert.True(await page.Locator("#explain-method").IsHiddenAsync());
        Assert.StartsWith("/api/images/", new Uri(await page.EvaluateAsync<string>("document.querySelector('#panel-image').src")).PathAndQuery);
    }

    [Fact]
    public async Task A_result_with_query_words_read_inside_it_shows_them_under_the_image_and_in_its_tooltip()
    {
        // Given an index whose green circle has "fresh bread" read inside it (itm index --ocr)
        using var folder = new IndexedFolder();
        IndexJob.Run(folder.Options() with
        {
            Indexer = folder.Options().Indexer with { ImageText = new FixedWords("shapes/green-circle.png", ["fresh", "bread"]) },
        });
        await using var app = await StartServerAsync(served.Options with { IndexDir = folder.Db, CacheDir = folder.Cache });
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(app.Urls.First());
        await page.FillAsync("#q", "fresh bread");
        await page.PressAsync("#q", "Enter");
        var first = page.Locator("#results .card").First;
        await first.WaitForAsync();

        // Then the image with the words comes first, says which words were found, and no other card has a words line
        Assert.Equal("shapes/green-circle.png", await first.GetAttributeAsync("data-path"));
        Assert.Equal("text: fresh bread", await first.Locator(".words").TextContentAsync());
        Assert.Contains("words found in the image: fresh bread", await first.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#results .card .words").CountAsync());
    }

    [Fact]
    public async Task Duplicates_shows_each_group_side_by_side()
    {
        var expected = served.Queries.Duplicates(new Search.Duplicates.DuplicateOptions { Threshold = 0.999f });
        await using var app = await StartServerAsync();
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(app.Urls.First() + "/?view=duplicates&threshold=0.999");
        var groups = page.Locator("#duplicates .duplicate-group");
        await groups.First.WaitForAsync();

        Assert.Equal(expected.Groups.Count, await groups.CountAsync());
        var first = groups.First.Locator(".card");
        Assert.Equal(expected.Groups[0].Images.Select(i => i.RelativePath), await first.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.path)"));
        Assert.Equal("representative", await first.First.Locator(".rank").TextContentAsync());
        Assert.True(await page.Locator("#results").IsHiddenAsync());
        Assert.Equal("true", await page.GetAttributeAsync("#show-duplicates", "aria-pressed"));

        // The cards sit in one row, side by side.
        var boxes = await first.EvaluateAllAsync<double[]>("cards => cards.map(c => c.getBoundingClientRect().top)");
        Assert.All(boxes, top => Assert.Equal(boxes[0], top, 1));
    }

    [Fact]
    public async Task Picking_an_image_file_annotates_it_and_shows_similar_images()
    {
        string upload = Path.Combine(served.Folder.Root, "my-green-circle.png");
        File.Copy(Path.Combine(served.Folder.Images, "shapes/green-circle.png"), upload, overwrite: true);
        await using var app = await StartServerAsync();
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });

        await page.GotoAsync(app.Urls.First());
        await page.SetInputFilesAsync("#file", upload);
        var nearest = page.Locator("#similar .card").First;
        await nearest.WaitForAsync();

        Assert.Equal("shapes/green-circle.png", await nearest.GetAttributeAsync("data-path"));
        Assert.True(await page.Locator("#captions li .caption").CountAsync() > 0);
        Assert.Equal("my-green-circle.png", await page.TextContentAsync("#panel-title"));
    }

    [Fact]
    public async Task A_query_with_operators_and_then_an_image_from_the_panel_ranks_as_the_query_service_does()
    {
        const string Query = "a red square -circle +2:\"a blue square\"";
        var expected = served.Queries.Search(QueryExpression.Parse(Query), 30);
        var top = expected[0];
        var withImage = served.Queries.Search(QueryExpression.Parse(Query, ImageReference.Indexed(top.Id)), 30);
        await using var app = await StartServerAsync();
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(app.Urls.First());
        Assert.Contains("-word", await page.TextContentAsync(".hint"));
        await page.FillAsync("#q", Query);
        await page.PressAsync("#q", "Enter");
        await page.Locator("#status:has-text('best matches')").WaitForAsync();

        Rankings.AssertSameUpToTies([.. expected.Select(m => (m.RelativePath, m.Score))], await CardKeysAsync(page));

        await page.Locator($"#results .card[data-id='{top.Id}']").ClickAsync();
        await page.ClickAsync("#search-with");
        await page.Locator("#status:has-text('with ')").WaitForAsync();

        Rankings.AssertSameUpToTies([.. withImage.Select(m => (m.RelativePath, m.Score))], await CardKeysAsync(page));
        Assert.Equal(top.RelativePath, await page.TextContentAsync("#with-image-name"));
        Assert.Contains($"image={top.Id}", page.Url);

        await page.ClickAsync("#without-image");
        await page.Locator("#status:has-text('best matches'):not(:has-text('with '))").WaitForAsync();
        Assert.True(await page.Locator("#with-image").IsHiddenAsync());
        Rankings.AssertSameUpToTies([.. expected.Select(m => (m.RelativePath, m.Score))], await CardKeysAsync(page));
    }

    [Fact]
    public async Task A_dropped_image_searches_with_the_words_and_a_bad_query_names_its_token()
    {
        string upload = Path.Combine(served.Folder.Root, "my-green-circle.png");
        File.Copy(Path.Combine(served.Folder.Images, "shapes/green-circle.png"), upload, overwrite: true);
        var expected = served.Queries.Search(QueryExpression.Parse("-square", ImageReference.File(upload)), 30);
        await using var app = await StartServerAsync();
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });

        await page.GotoAsync(app.Urls.First());
        await page.FillAsync("#q", "red +");
        await page.PressAsync("#q", "Enter");
        await page.Locator("#status.error").WaitForAsync();
        Assert.Contains("'+' at position 5", await page.TextContentAsync("#status"));

        await page.SetInputFilesAsync("#file", upload);
        await page.Locator("#similar .card").First.WaitForAsync();
        await page.FillAsync("#q", "-square");
        await page.ClickAsync("#search-with");
        await page.Locator("#status:has-text('with my-green-circle.png')").WaitForAsync();

        Assert.Equal(expected[0].RelativePath, await page.Locator("#results .card").First.GetAttributeAsync("data-path"));
        Assert.Equal(expected.Count, await page.Locator("#results .card").CountAsync());
    }

    [Fact]
    public async Task A_calibrated_model_draws_a_cut_off_line_after_the_results_likely_enough_to_match()
    {
        await using var app = await StartServerAsync(calibrated.Options);
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(app.Urls.First());
        Assert.True(await page.Locator("#cutoff").IsHiddenAsync());
        await page.FillAsync("#q", CalibratedIndex.Query);
        await page.PressAsync("#q", "Enter");
        await page.Locator("#results .cutoff-line").WaitForAsync();

        // At the default 50%: the line follows the likely images, and every card tells its probability.
        const string LineAt = "[...document.querySelectorAll('#results > *')].findIndex(n => n.classList.contains('cutoff-line'))";
        Assert.Equal(CalibratedIndex.Likely, await page.EvaluateAsync<int>(LineAt));
        Assert.Contains("60% likely to match", await page.Locator("#results .card").Nth(CalibratedIndex.Likely - 1).GetAttributeAsync("title"));
        Assert.False(await page.Locator("#results .cutoff-line").EvaluateAsync<bool>("n => n.classList.contains('no-match')"));

        // At 80% no single image is likely enough, but three at 60% make a match among the shown ones almost sure:
        // the line goes to the top and says so, without the red "No good match".
        await page.SelectOptionAsync("#min-precision", "0.8");
        await page.Locator("#results .cutoff-line:has-text('probably does')").WaitForAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(LineAt));
        Assert.Equal(0, await page.Locator("#results .cutoff-line.no-match").CountAsync());
        double shown = await page.Locator("#results .cutoff-line").EvaluateAsync<double>("n => Number(n.dataset.anyMatch)");
        double[] probabilities = [.. (await page.Locator("#results .card").EvaluateAllAsync<string[]>("cards => cards.map(c => c.title)"))
            .Select(t => double.Parse(t.Split('\n')[1].Split('%')[0], System.Globalization.CultureInfo.InvariantCulture) / 100)];
        Assert.Equal(1 - probabilities.Take(10).Aggregate(1.0, (none, p) => none * (1 - p)), shown, 6);

        // A query with at most one of its best ten above 10%: under 90% that any of them matches, so at 90% the page
        // says in red that nothing here fits, however many results it shows.
        await page.SelectOptionAsync("#min-precision", "0.9");
        await page.FillAsync("#q", calibrated.Unlikely);
        await page.PressAsync("#q", "Enter");
        var banner = page.Locator("#results .cutoff-line.no-match");
        await banner.WaitForAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(LineAt));
        Assert.StartsWith("No good match:", await banner.TextContentAsync());
        Assert.EndsWith("likely that any of the best 10 matches", await banner.TextContentAsync());
        Assert.InRange(await banner.EvaluateAsync<double>("n => Number(n.dataset.anyMatch)"), 0, 0.9);
    }

    [Fact]
    public async Task With_an_api_key_the_page_asks_for_it_once_and_then_works_images_included()
    {
        // The default rate limits too: a page of results and its thumbnails stays within them.
        const string Key = "page-key/1;%";
        var top = served.Queries.Search("a red square", 1)[0];
        await using var app = await StartServerAsync(served.Options with { ApiKey = Key, Limits = new ServerLimits() });
        await using var browser = await LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        int prompts = 0;
        page.Dialog += async (_, dialog) =>
        {
            prompts++;
            await dialog.AcceptAsync(Key);
        };

        await page.GotoAsync(app.Urls.First());
        await page.Locator("#stats:has-text('images')").WaitForAsync();
        await page.FillAsync("#q", "a red square");
        await page.PressAsync("#q", "Enter");
        var first = page.Locator("#results .card").First;
        await first.WaitForAsync();
        // Polled: WaitForFunctionAsync evaluates a string, which the page's CSP forbids.
        const string ImagesLoaded = "() => [...document.querySelectorAll('#results .card img')].every(img => img.complete && img.naturalWidth > 0)";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await page.EvaluateAsync<bool>(ImagesLoaded) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await page.EvaluateAsync<bool>(ImagesLoaded), "The thumbnails did not load with the key.");
        Assert.Equal(1, prompts);
        Assert.Equal(top.RelativePath, await first.GetAttributeAsync("data-path"));
    }

    private static async Task<string[]> CardKeysAsync(IPage page) => [.. (await CardPathsAsync(page)).Select(path => path ?? "(a card without a path)")];

    private static async Task<string?[]> CardPathsAsync(IPage page)
    {
        var cards = page.Locator("#results .card");
        int count = await cards.CountAsync();
        var paths = new string?[count];
        for (int i = 0; i < count; i++)
        {
            paths[i] = await cards.Nth(i).GetAttributeAsync("data-path");
        }

        return paths;
    }

    private async Task<WebApplication> StartServerAsync(ServerOptions? options = null)
    {
        var app = ItmServer.Create((options ?? served.Options) with { Urls = "http://127.0.0.1:0" });
        await app.StartAsync();
        return app;
    }

    private static async Task<BrowserHandle> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing: the browser tests drive Debian's Chromium. Install it with `apt-get install chromium` (CI does).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox"],
            });
            return new BrowserHandle(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>The browser and the Playwright driver behind it, closed together.</summary>
    private sealed class BrowserHandle(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public async Task<IPage> NewPageAsync(BrowserNewPageOptions options)
        {
            var page = await browser.NewPageAsync(options);
            page.SetDefaultTimeout(15_000);
            return page;
        }

        public async ValueTask DisposeAsync()
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
