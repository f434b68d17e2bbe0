using System.Text;
using System.Text.Json;

namespace Itm.Search.Queries;

/// <summary>
/// The <c>--json</c> output of <c>itm search</c>, <c>annotate</c> and <c>similar</c>: a contract, documented in
/// docs/search.md and pinned by a test. <c>{"version": 1, "command": "search|annotate|similar", "query": "...", "index": DIR,
/// "results": [...]}</c>; an image result is <c>{"rank", "score", "id", "path", "relativePath"}</c>, a caption result
/// <c>{"rank", "score", "id", "caption"}</c>. A search on a calibrated model adds <c>"probability"</c> to each image
/// result and <c>"anyMatchProbability"</c> (P(at least one of the best 10, or k when fewer, is a match),
/// 1 − Π (1 − p_i), see <see cref="ImageAnswer"/>) before <c>"results"</c>, and a search with a minimum precision adds <c>"minPrecision"</c>
/// after <c>"index"</c>. An image result whose score includes words read inside it (<c>itm index --ocr</c>,
/// <see cref="WordMatch"/>) adds <c>"cosine"</c> (the score without them) and <c>"words"</c> (the query words found).
/// </summary>
public static class MatchesJson
{
    public const int Version = 1;

    public static string Images(
        QueryKind kind, string query, string indexDir, IReadOnlyList<ImageMatch> matches, double? minPrecision = null, double? anyMatchProbability = null) =>
        Write(kind, query, indexDir, minPrecision, anyMatchProbability, writer =>
        {
            foreach (var match in matches)
            {
                writer.WriteStartObject();
                writer.WriteNumber("rank", match.Rank);
                writer.WriteNumber("score", match.Score);
                writer.WriteNumber("id", match.Id);
                writer.WriteString("path", match.Path);
                writer.WriteString("relativePath", match.RelativePath);
                if (match.Probability is double probability)
                {
                    writer.WriteNumber("probability", probability);
                }

                if (match.Words.Count > 0)
                {
                    writer.WriteNumber("cosine", match.Cosine ?? match.Score);
                    writer.WriteStartArray("words");
                    foreach (var word in match.Words)
                    {
                        writer.WriteStringValue(word);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }
        });

    public static string Captions(string query, string indexDir, IReadOnlyList<CaptionMatch> matches) =>
        Write(QueryKind.Annotate, query, indexDir, minPrecision: null, anyMatchProbability: null, writer =>
        {
            foreach (var match in matches)
            {
                writer.WriteStartObject();
                writer.WriteNumber("rank", match.Rank);
                writer.WriteNumber("score", match.Score);
                writer.WriteNumber("id", match.Id);
                writer.WriteString("caption", match.Text);
                writer.WriteEndObject();
            }
        });

    private static string Write(
        QueryKind kind, string query, string indexDir, double? minPrecision, double? anyMatchProbability, Action<Utf8JsonWriter> writeResults)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteString("command", kind.ToString().ToLowerInvariant());
            writer.WriteString("query", query);
            writer.WriteString("index", Path.GetFullPath(indexDir));
            if (minPrecision is double threshold)
            {
                writer.WriteNumber("minPrecision", threshold);
            }

            if (anyMatchProbability is double any)
            {
                writer.WriteNumber("anyMatchProbability", any);
            }

            writer.WriteStartArray("results");
            writeResults(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
