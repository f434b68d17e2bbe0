using Itm.Data.Readers;

namespace Itm.Data.Recipes;

/// <summary>How many images and sentences one part brought to a union, by split.</summary>
public sealed record DatasetUnionPart(string Name, string DatasetPath, int Images, int Sentences, int Train, int Val, int Test);

/// <summary>
/// Several prepared datasets as one: every image of every part, its split kept, its id prefixed with the part's name
/// ("icons/mdi/svg/home.svg"), sentence ids renumbered so they stay unique. Images stay where their part put them; the
/// union's <c>dataset.json</c> points at them, so it must sit in a folder above every part (the writer refuses "../").
/// </summary>
public static class DatasetUnion
{
    /// <summary>Reads each part, writes the union to <paramref name="jsonPath"/> and says what each part brought.</summary>
    /// <param name="name">The union's dataset name.</param>
    /// <param name="parts">Each part's name and <c>dataset.json</c>; names must be distinct.</param>
    public static IReadOnlyList<DatasetUnionPart> Write(string name, IReadOnlyList<(string Name, string DatasetPath)> parts, string jsonPath)
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
            CaptionDataset part = KarpathyJson.Read(partPath);
            foreach (CaptionedImage image in part.Images)
            {
                var captions = image.Captions.Select(c => c with { SentenceId = sentenceId++ }).ToList();
                images.Add(image with { Id = $"{partName}/{image.Id}", Captions = captions });
            }

            report.Add(new DatasetUnionPart(
                partName, Path.GetFullPath(partPath), part.Images.Count, part.SentenceCount,
                part.Images.Count(i => i.Split == Split.Train), part.Images.Count(i => i.Split == Split.Val), part.Images.Count(i => i.Split == Split.Test)));
        }

        KarpathyJson.Write(new CaptionDataset(name, images), jsonPath);
        return report;
    }
}
