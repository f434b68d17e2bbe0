using System.Globalization;

namespace Itm.Data.Relevance;

/// <summary>
/// Exact relevance on synthetic scenes: an image is relevant to a sentence when its scene shows what the sentence
/// says (<see cref="SceneSentence"/>: the named objects with their colours, shapes and sizes, in the named relations),
/// whichever image the sentence was written for. "A red circle left of a blue square" is answered by every scene with
/// such a pair, and not by its twin where the colours are swapped, which a bag of words would count as the same.
/// </summary>
public static class SceneRelevance
{
    /// <summary>
    /// For each sentence of <paramref name="images"/> (image order, then caption order), the indexes into
    /// <paramref name="images"/> of the images whose scene the sentence is true of, ascending; its own image is always
    /// among them (a sentence it cannot read has only its own).
    /// </summary>
    /// <param name="scenes">Every scene of the dataset (<c>scenes.json</c>); each image's id is its scene's index.</param>
    public static int[][] RelevantImages(IReadOnlyList<CaptionedImage> images, IReadOnlyList<SceneFacts> scenes)
    {
        var shown = Shown(images, scenes);
        var lexicon = SceneLexicon.Of(scenes);
        var sentences = images.SelectMany((image, i) => image.Captions.Select(c => (Own: i, c.Raw))).ToList();
        var relevant = new int[sentences.Count][];
        Parallel.For(0, sentences.Count, s =>
        {
            var (own, text) = sentences[s];
            var claim = SceneSentence.Parse(text, lexicon);
            relevant[s] = claim is null
                ? [own]
                : [.. Enumerable.Range(0, shown.Length).Where(i => i == own || claim.IsTrueOf(shown[i]))];
        });
        return relevant;
    }

    /// <summary>Per image, the scene it shows: the one whose index is the image's id.</summary>
    /// <exception cref="InvalidDataException">An image has no scene.</exception>
    public static SceneFacts[] Shown(IReadOnlyList<CaptionedImage> images, IReadOnlyList<SceneFacts> scenes)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(scenes);
        var byIndex = scenes.ToDictionary(s => s.Index);
        var shown = new SceneFacts[images.Count];
        for (int i = 0; i < images.Count; i++)
        {
            if (!int.TryParse(images[i].Id, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || !byIndex.TryGetValue(index, out var scene))
                throw new InvalidDataException($"Image '{images[i].Id}' ({images[i].ImagePath}) has no scene in {SceneFacts.FileName}; was the dataset prepared with `itm data prepare synthetic` into the same folder?");
            shown[i] = scene;
        }

        return shown;
    }
}
