using System.Numerics.Tensors;
using Itm.Data.Text;
using Itm.Index.Indexing;

namespace Itm.Search.Explanations;

/// <summary>
/// The weight of each word of a sentence for an image: the score's drop when the word is left out. Words are the
/// tokenizer's (<see cref="Tokenizer"/>, as the bag, n-gram and sequence models read them), and the sentence without
/// one is the others joined by spaces, embedded through the model's own text entry point, so it works alike for every
/// text model. Drops are measured from the words all joined the same way: for bow, n-grams and SSE that is exactly the
/// sentence; for MiniLM it leaves out the punctuation and case only, so the drops are the words' own.
/// </summary>
public static class WordWeights
{
    /// <param name="image">The image's unit vector.</param>
    /// <returns>The sentence's unit vector (as typed), its score, and each word's weight in order (a repeated word once per place).</returns>
    public static (float[] Sentence, float Score, IReadOnlyList<WordWeight> Words) Compute(string sentence, ReadOnlySpan<float> image, ITextEmbedder text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sentence);
        ArgumentNullException.ThrowIfNull(text);
        var words = Tokenizer.Tokenize(sentence);
        List<string> batch = [sentence, string.Join(' ', words)];
        batch.AddRange(words.Select((_, i) => string.Join(' ', words.Where((_, j) => j != i))));
        float[] rows = text.Embed(batch);   // [2 + words, dim], one call
        int dim = image.Length;
        var scores = new float[batch.Count];
        for (int row = 0; row < scores.Length; row++)
        {
            scores[row] = TensorPrimitives.Dot(rows.AsSpan(row * dim, dim), image);
        }

        var weights = words.Select((word, i) => new WordWeight(word, scores[1] - scores[2 + i])).ToList();
        return (rows[..dim], scores[0], weights);
    }
}
