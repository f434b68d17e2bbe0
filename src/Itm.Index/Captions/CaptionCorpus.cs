using System.Security.Cryptography;
using Itm.Data.Readers;

namespace Itm.Index.Captions;

/// <summary>
/// The sentences annotation ranks: every sentence of a dataset (any format <see cref="DatasetLoader"/> reads; image
/// files need not exist), or a plain text file with one sentence per line. Trimmed, blank lines dropped, duplicates
/// kept once in first-seen order. <see cref="Sha256"/> of the file's bytes tells a re-run whether anything changed.
/// </summary>
public sealed record CaptionCorpus(string Source, string Sha256, IReadOnlyList<string> Sentences)
{
    public static CaptionCorpus Read(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The captions file {full} does not exist. Check --captions.", full);
        }

        string hash;
        using (var stream = File.OpenRead(full))
        {
            hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        IEnumerable<string> sentences = IsPlainText(full)
            ? File.ReadLines(full)
            : DatasetLoader.Load(full, new DatasetReadOptions { CheckImagesExist = false, SkipInvalid = true })
                .Images.SelectMany(image => image.Captions).Select(caption => caption.Raw);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var kept = sentences.Select(s => s.Trim()).Where(s => s.Length > 0 && distinct.Add(s)).ToList();
        if (kept.Count == 0)
        {
            throw new InvalidDataException($"The captions file {full} holds no sentences.");
        }

        return new CaptionCorpus(full, hash, kept);
    }

    // Flickr8k.token.txt is a dataset even though it ends in .txt.
    private static bool IsPlainText(string path) =>
        !path.EndsWith(".token.txt", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
}
