using Itm.Data.Text;

namespace Itm.Data.Recipes;

/// <summary>One kept image of a recipe: where it comes from, where it goes under <c>OUT/images</c>, and its captions.</summary>
internal sealed record RecipeImage(string RelativePath, string SourcePath, IReadOnlyList<CaptionCandidate> Captions);

/// <summary>Copies a recipe's kept images into its output folder and builds the dataset that names them.</summary>
internal static class RecipeImages
{
    /// <param name="stalePattern">Files matching it that this run did not write are deleted from <paramref name="imagesDir"/>.</param>
    public static CaptionDataset CopyAndBuild(string datasetName, IReadOnlyList<RecipeImage> kept, Split[] splits, string imagesDir, string stalePattern)
    {
        var images = new List<CaptionedImage>(kept.Count);
        var written = new HashSet<string>(StringComparer.Ordinal);
        long sentenceId = 0;
        for (int i = 0; i < kept.Count; i++)
        {
            RecipeImage image = kept[i];
            string target = Path.Combine(imagesDir, image.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // File.Copy follows a symbolic link and copies the image itself.
            File.Copy(image.SourcePath, target, overwrite: true);
            written.Add(Path.GetFullPath(target));
            var captions = image.Captions
                .Select(c => new Caption(sentenceId++, c.Text, Tokenizer.Tokenize(c.Text)))
                .ToList();
            images.Add(new CaptionedImage(image.RelativePath, target, splits[i], captions));
        }

        // Images left from an earlier run with other rules would sit in the folder without being in dataset.json.
        if (Directory.Exists(imagesDir))
        {
            foreach (string stale in Directory.EnumerateFiles(imagesDir, stalePattern, SearchOption.AllDirectories))
            {
                if (!written.Contains(Path.GetFullPath(stale)))
                    File.Delete(stale);
            }
        }

        return new CaptionDataset(datasetName, images);
    }

    /// <summary>Sentences per image, to three decimals, as every recipe report gives it (0 for an empty dataset).</summary>
    public static double CaptionsPerImage(CaptionDataset dataset) =>
        dataset.Images.Count == 0 ? 0 : Math.Round((double)dataset.SentenceCount / dataset.Images.Count, 3);
}
