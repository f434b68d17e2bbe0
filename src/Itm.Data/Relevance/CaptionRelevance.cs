namespace Itm.Data.Relevance;

/// <summary>
/// Which images of a collection answer a sentence, judged from the images' own captions: an image is relevant to a
/// query when one of its captions says everything the query says (the query's <see cref="CaptionTerms"/> are all
/// among that caption's). A search for "a dog" is answered by every image captioned with "dog", not only by the one
/// image a caption "a dog" happened to be written for; "a black dog" is not answered by "a dog", which may be white.
/// A sentence with no content words ("a picture") is answered by its own image only.
/// </summary>
public static class CaptionRelevance
{
    /// <summary>
    /// For each sentence of <paramref name="images"/> (in image order, then caption order: the rows search scores),
    /// the indexes into <paramref name="images"/> of the images relevant to it, ascending. A sentence's own image is
    /// always among them.
    /// </summary>
    public static int[][] RelevantImages(IReadOnlyList<CaptionedImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var captionTerms = new List<(int Image, IReadOnlySet<string> Terms)>();
        for (int i = 0; i < images.Count; i++)
        {
            foreach (var caption in images[i].Captions)
                captionTerms.Add((i, CaptionTerms.Of(caption.Raw)));
        }

        // Postings: term -> the captions holding it; a query's candidates are the captions of its rarest term.
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int c = 0; c < captionTerms.Count; c++)
        {
            foreach (string term in captionTerms[c].Terms)
            {
                if (!postings.TryGetValue(term, out var list))
                    postings[term] = list = [];
                list.Add(c);
            }
        }

        var relevant = new int[captionTerms.Count][];
        for (int s = 0; s < captionTerms.Count; s++)
        {
            var (own, terms) = captionTerms[s];
            if (terms.Count == 0)
            {
                relevant[s] = [own];
                continue;
            }

            var rarest = terms.Select(t => postings[t]).MinBy(p => p.Count)!;
            var answered = new SortedSet<int>();
            foreach (int c in rarest)
            {
                if (terms.IsSubsetOf(captionTerms[c].Terms))
                    answered.Add(captionTerms[c].Image);
            }

            relevant[s] = [.. answered];
        }

        return relevant;
    }

    /// <summary>Each sentence relevant to its own image only (the relevance of the field's retrieval protocol).</summary>
    public static int[][] SameImage(IReadOnlyList<int> sentenceImage)
    {
        ArgumentNullException.ThrowIfNull(sentenceImage);
        return [.. sentenceImage.Select(i => new[] { i })];
    }
}
