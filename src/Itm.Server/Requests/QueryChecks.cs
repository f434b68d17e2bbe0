using System.Globalization;
using Itm.Server.Problems;

namespace Itm.Server.Requests;

/// <summary>The checks on query parameters, each failing with a problem that names the parameter and the allowed range.</summary>
internal static class QueryChecks
{
    /// <summary>The search sentence, trimmed.</summary>
    public static string Sentence(string? q, ServerLimits limits)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            throw ApiProblem.InvalidParameter("q", "Give a sentence to search for in the query parameter q, e.g. /api/search?q=a+red+apple.");
        }

        if (q.Length > limits.MaxQueryLength)
        {
            throw ApiProblem.InvalidParameter("q", string.Create(CultureInfo.InvariantCulture,
                $"The query is {q.Length:N0} characters long; the limit is {limits.MaxQueryLength:N0}."));
        }

        return q.Trim();
    }

    /// <summary>How many results to return: <see cref="ServerLimits.DefaultK"/> when absent, else within 1 to <see cref="ServerLimits.MaxK"/>.</summary>
    public static int K(int? k, ServerLimits limits) => k switch
    {
        null => limits.DefaultK,
        int value when value < 1 || value > limits.MaxK => throw OutOfRange(value, limits),
        int value => value,
    };

    private static ApiProblem OutOfRange(int k, ServerLimits limits) =>
        ApiProblem.InvalidParameter("k", $"k is {k}; ask for 1 to {limits.MaxK} results.");
}
