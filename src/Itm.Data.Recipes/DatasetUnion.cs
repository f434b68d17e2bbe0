using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>How many images and sentences one part brought to a union, by split (each image once), and how often its training images are listed.</summary>
public sealed record DatasetUnionPart(string Name, string DatasetPath, int Images, int Sentences, int Train, int Val, int Test, int Repeat = 1);

/// <summary>
/// Several prepared datasets as one: every image of every part, its split kept, its id prefixed with the part's name
/// ("icons/mdi/svg/home.svg"), sentence ids renumbered so they stay unique. Images stay where their part put them; the
/// union's <c>dataset.json</c> points at them, so it must sit in a folder above every part (the writer refuses "../").
/// A part can count more than once in training: its training images are listed <c>repeat</c> times, the copies with
/// ids ending "#2", "#3", ... (the same file, so its features are computed once), its val and test images once.
/// </summary>
public static class DatasetUnion
{
    /// <summary>Reads each part, writes the union to <paramref name="jsonPath"/> and says what each part brought.</summary>
    /// <param name="name">The union's dataset name.</param>
    /// <param name="parts">Each part's name and <c>dataset.json</c>; names must be distinct.</param>
    /// <param name="repeats">How many times a part's training images are listed, by part name; a part not named, once.</param>
    public static IReadOnlyList<DatasetUnionPart> Write(
        string name, IReadOnlyList<(string Name, string DatasetPath)> parts, string jsonPath, IReadOnlyDictionary<string, int>? repeats = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != parts.Count)
            throw new ArgumentException("The parts of a dataset union need distinct names.", nameof(parts));

        var images = new List<CaptionedImage>();
        var report = new List<DatasetUnionPart>(parts.Count);
        long sentenceId = 0;
        foreach ((string partName, string partPath) in parts)
        {
            int repeat = repeats is not null && repeats.TryGetValue(partName, out int r) ? r : 1;
            if (repeat < 1)
                throw new ArgumentOutOfRangeException(nameof(repeats), $"Part '{partName}' is repeated {repeat} times; at least once is needed.");
            CaptionDataset part = KarpathyJson.Read(partPath);
            for (int copy = 1; copy <= repeat; copy++)
            {
                foreach (CaptionedImage image in part.Images.Where(i => copy == 1 || i.Split == Split.Train))
                {
                    var captions = image.Captions.Select(c => c with { SentenceId = sentenceId++ }).ToList();
                    string id = copy == 1 ? $"{partName}/{image.Id}" : $"{partName}/{image.Id}#{copy}";
                    images.Add(image with { Id = id, Captions = captions });
                }
            }

            report.Add(new DatasetUnionPart(
                partName, Path.GetFullPath(partPath), part.Images.Count, part.SentenceCount,
                part.Images.Count(i => i.Split == Split.Train), part.Images.Count(i => i.Split == Split.Val), part.Images.Count(i => i.Split == Split.Test), repeat));
        }

        KarpathyJson.Write(new CaptionDataset(name, images), jsonPath);
        return report;
    }
}
