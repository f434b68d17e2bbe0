using System.Text;
using Itm.Search.Queries;

namespace Itm.Fuzz.Targets;

/// <summary>The search query syntax (<c>beach +sunset -0.5:people</c>), the input read as UTF-8.</summary>
public sealed class QueryTarget : FuzzTarget
{
    public override string Name => "query";

    public override string Description => "QueryExpression.Parse on the input as UTF-8; handled: QueryExpressionException (names the token and position)";

    protected override void Feed(byte[] input, Scratch scratch) => QueryExpression.Parse(Encoding.UTF8.GetString(input));

    protected override bool IsHandled(Exception e) => e is QueryExpressionException;
}
