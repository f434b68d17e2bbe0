using System.Security.Cryptography;
using System.Text;
using Itm.Data.Readers;

namespace Itm.Index.Captions;

/// <summary>A caption left out of the corpus: where it was (a line number, or a dataset item) and why.</summary>
public sealed record SkippedCaption(string Item, string Reason);

/// <summary>Limits on what <see cref="CaptionCorpus.Read"/> accepts.</summary>
public sealed record CaptionCorpusOptions
{
    /// <summary>
    /// Longest sentence kept, in characters after trimming (the dataset readers' <see cref="DatasetReadOptions.MaxCaptionChars"/>,
    /// 1,000 by default). Longer lines are skipped and named by line number: one is almost always a file that is not a
    /// caption list (a pasted document, a binary), and the text models read at most a few dozen words anyway.
    /// </summary>
    public int MaxCaptionChars { get; init; } = 1000;

    public void Validate() => ArgumentOutOfRangeException.ThrowIfLessThan(MaxCaptionChars, 1, nameof(MaxCaptionChars));
}

/// <summary>
/// The sentences annotation ranks: every sentence of a dataset (any format <see cref="DatasetLoader"/> reads; image
/// files need not exist), or a plain UTF-8 text file with one sentence per line. Trimmed, blank lines dropped
/// (counted), duplicates kept once in first-seen order (counted). A line that is not valid UTF-8 or is longer than
/// <see cref="CaptionCorpusOptions.MaxCaptionChars"/> is skipped and named in <see cref="Skipped"/> by line number,
/// never stored mangled; the rest of the file is read. <see cref="Sha256"/> of the file's bytes tells a re-run
/// whether anything changed.
/// </summary>
public sealed record CaptionCorpus(string Source, string Sha256, IReadOnlyList<string> Sentences)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Captions left out, with the reason: every one for a text file; for a dataset, the first few of each reason (see <see cref="SkippedCount"/>).</summary>
    public IReadOnlyList<SkippedCaption> Skipped { get; init; } = [];

    /// <summary>How many captions were left out (invalid UTF-8, too long, or invalid in the dataset), in all.</summary>
    public int SkippedCount { get; init; }

    /// <summary>Empty or whitespace-only lines (or captions) dropped.</summary>
    public int Blank { get; init; }

    /// <summary>Sentences seen again after trimming, kept once.</summary>
    public int Duplicates { get; init; }

    public static CaptionCorpus Read(string path, CaptionCorpusOptions? options = null)
    {
        options ??= new CaptionCorpusOptions();
        options.Validate();
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The captions file {full} does not exist. Check --captions.", full);
        }

        byte[] bytes = File.ReadAllBytes(full);
        string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var skipped = new List<SkippedCaption>();
        int skippedCount;
        IEnumerable<string> sentences;
        if (IsPlainText(full))
        {
            sentences = ReadLines(bytes, options, skipped);
            skippedCount = skipped.Count;
        }
        else
        {
            // Skipped captions were dropped silently here before; they are now counted and named like the text lines.
            var read = DatasetLoader.LoadWithReport(full, new DatasetReadOptions { CheckImagesExist = false, SkipInvalid = true, MaxCaptionChars = options.MaxCaptionChars });
            sentences = read.Dataset.Images.SelectMany(image => image.Captions).Select(caption => caption.Raw);
            foreach (var (reason, _) in read.Report.SkippedByReason)
            {
                skipped.AddRange(read.Report.Examples(reason).Select(item => new SkippedCaption(item, reason.ToString())));
            }

            skippedCount = read.Report.TotalSkipped;
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        int blank = 0, duplicates = 0;
        var kept = new List<string>();
        foreach (string sentence in sentences.Select(s => s.Trim()))
        {
            if (sentence.Length == 0)
            {
                blank++;
            }
            else if (!distinct.Add(sentence))
            {
                duplicates++;
            }
            else
            {
                kept.Add(sentence);
            }
        }

        if (kept.Count == 0)
        {
            string why = skippedCount == 0 ? string.Empty : $" ({skippedCount:N0} skipped: {string.Join("; ", skipped.Take(3).Select(s => $"{s.Item}: {s.Reason}"))})";
            throw new InvalidDataException($"The captions file {full} holds no sentences{why}.");
        }

        return new CaptionCorpus(full, hash, kept) { Skipped = skipped, SkippedCount = skippedCount, Blank = blank, Duplicates = duplicates };
    }

    /// <summary>Splits on \n (a trailing \r is dropped), decoding each line strictly, so one bad line costs only itself.</summary>
    private static List<string> ReadLines(byte[] bytes, CaptionCorpusOptions options, List<SkippedCaption> skipped)
    {
        var lines = new List<string>();
        var rest = bytes.AsSpan();
        if (rest.StartsWith("\uFEFF"u8))
        {
            rest = rest[3..];
        }

        for (int number = 1; !rest.IsEmpty; number++)
        {
            int end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.EndsWith("\r"u8))
            {
                line = line[..^1];
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(line).Trim();
            }
            catch (DecoderFallbackException e)
            {
                skipped.Add(new SkippedCaption($"line {number}", $"it is not valid UTF-8 (byte 0x{e.BytesUnknown?.FirstOrDefault():X2} at column {e.Index + 1}); save the file as UTF-8"));
                continue;
            }

            if (text.Length > options.MaxCaptionChars)
            {
                skipped.Add(new SkippedCaption($"line {number}", $"it has {text.Length:N0} characters, over the limit of {options.MaxCaptionChars:N0} (CaptionCorpusOptions.MaxCaptionChars)"));
                continue;
            }

            lines.Add(text);
        }

        return lines;
    }

    // Flickr8k.token.txt is a dataset even though it ends in .txt.
    private static bool IsPlainText(string path) =>
        !path.EndsWith(".token.txt", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && !path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
}
