namespace Itm.Data.Readers;

/// <summary>
/// Reads Flickr8k as distributed: <c>Flickr8k.token.txt</c> (lines <c>1000268201_693b08cb0e.jpg#0&lt;TAB&gt;A child in a pink dress ...</c>)
/// plus the split lists <c>Flickr_8k.trainImages.txt</c>, <c>Flickr_8k.devImages.txt</c>, <c>Flickr_8k.testImages.txt</c>
/// (one file name per line). Images that no list names are skipped and counted (<see cref="SkipReason.NotInAnySplit"/>).
/// Flickr30k's token file has the same line format.
/// </summary>
public static class Flickr8kReader
{
    /// <summary>The standard file names, as <see cref="DatasetLoader"/> looks for them beside the token file.</summary>
    public const string TokenFileName = "Flickr8k.token.txt";

    public const string TrainListFileName = "Flickr_8k.trainImages.txt";

    public const string ValListFileName = "Flickr_8k.devImages.txt";

    public const string TestListFileName = "Flickr_8k.testImages.txt";

    private const string LineRemedy = "Each line must be <image file>#<n><TAB><caption>; fix or delete the line";

    /// <summary>
    /// Reads Flickr8k. Image files are looked up in <paramref name="imagesDir"/> (<see cref="DatasetReadOptions.ImagesRoot"/>
    /// is not consulted here: the folder is this explicit argument). Sentence ids are assigned in file order.
    /// </summary>
    public static CaptionDataset Read(
        string tokenFile, string imagesDir, string trainList, string valList, string testList, DatasetReadOptions? options = null) =>
        ReadWithReport(tokenFile, imagesDir, trainList, valList, testList, options).Dataset;

    /// <summary>Reads Flickr8k and reports what was skipped.</summary>
    public static DatasetReadResult ReadWithReport(
        string tokenFile, string imagesDir, string trainList, string valList, string testList, DatasetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenFile);
        ArgumentNullException.ThrowIfNull(imagesDir);
        options ??= DatasetReadOptions.Default;
        options.Validate();
        var assembler = new DatasetAssembler(Path.GetFullPath(trainList), imagesDir, options);
        var splits = new Dictionary<string, Listing>(StringComparer.Ordinal);
        var listed = new List<string>();
        foreach ((string list, Split split) in new[] { (trainList, Split.Train), (valList, Split.Val), (testList, Split.Test) })
        {
            ReadList(Path.GetFullPath(list), split, assembler, splits, listed);
        }

        string tokenPath = Path.GetFullPath(tokenFile);
        assembler.SetSource(tokenPath, imagesDir);
        var unlisted = new HashSet<string>(StringComparer.Ordinal);
        var captionKeys = new HashSet<string>(StringComparer.Ordinal);
        int lineNumber = 0;
        foreach (string line in ReadLines(tokenPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                assembler.Reject(SkipReason.InvalidRecord, lineNumber, "the line", "there is no <TAB> after the image name", LineRemedy);
                continue;
            }

            string key = line[..tab].Trim();
            int hash = key.LastIndexOf('#');
            string name = hash > 0 ? key[..hash] : key;
            string item = $"caption {key}";
            if (!splits.TryGetValue(name, out Listing listing))
            {
                if (unlisted.Add(name))
                {
                    assembler.Count(SkipReason.NotInAnySplit, $"image {name}");
                }

                continue;
            }

            if (assembler.WasRejected(name))
            {
                continue;
            }

            PendingImage? image = assembler.FindImage(name) ?? assembler.AddImage(name, name, listing.Split, lineNumber, $"image {name}");
            if (image is null)
            {
                continue;
            }

            if (!captionKeys.Add(key))
            {
                assembler.Reject(SkipReason.DuplicateSentenceId, lineNumber, item, $"caption {key} appears more than once",
                    "Number each image's captions #0, #1, ... once, or delete the repeated line");
                continue;
            }

            assembler.AddCaption(image, null, line[(tab + 1)..], null, lineNumber, item);
        }

        // Listed images without a single caption line (Flickr8k has one: its captions sit under "...jpg.1").
        foreach (string name in listed.Where(n => assembler.FindImage(n) is null && !assembler.WasRejected(n)))
        {
            assembler.Count(SkipReason.NoCaptions, $"image {name}");
        }

        return assembler.Build("flickr8k");
    }

    private static void ReadList(
        string listPath, Split split, DatasetAssembler assembler, Dictionary<string, Listing> splits, List<string> listed)
    {
        assembler.SetSource(listPath, ".");
        int lineNumber = 0;
        foreach (string line in ReadLines(listPath))
        {
            lineNumber++;
            string name = line.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (splits.TryGetValue(name, out Listing earlier))
            {
                // The later listing is dropped, so the image keeps the split it was first given.
                assembler.Reject(SkipReason.DuplicateImageId, lineNumber, $"image {name}",
                    $"it is already listed in {earlier.ListFile}, line {earlier.Line}",
                    "An image belongs to one split; remove it from one of the lists");
                continue;
            }

            splits.Add(name, new Listing(split, listPath, lineNumber));
            listed.Add(name);
        }
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetFormatException(path, null, null, null, "does not exist",
                "Check the path; Flickr8k's text files come in Flickr8k_text.zip");
        }

        return File.ReadLines(path);
    }

    private readonly record struct Listing(Split Split, string ListFile, int Line);
}
