namespace Itm.Search.Queries;

/// <summary>
/// A query that can't be searched: bad syntax, a bad weight, nothing positive to search for, or terms that cancel
/// out. The message names the token and its position and says what to change.
/// </summary>
public sealed class QueryExpressionException : FormatException
{
    public QueryExpressionException(string token, int position, string problem)
        : base(token.Length == 0 ? problem : position > 0 ? $"'{token}' at position {position}: {problem}" : $"{token}: {problem}")
    {
        Token = token;
        Position = position;
    }

    public QueryExpressionException(QueryTerm term, string problem)
        : this(term.Token, term.Position, problem)
    {
    }

    /// <summary>The part of the query at fault, as written; empty when the query is.</summary>
    public string Token { get; }

    /// <summary>1-based character position of <see cref="Token"/> in the query text; 0 when it is not in the text (an image term).</summary>
    public int Position { get; }
}
