namespace Itm.Data.Recipes;

/// <summary>The colour drawing collections the <c>drawings</c> recipe reads, in the order it reads them.</summary>
public static class DrawingSets
{
    public static IReadOnlyList<IDrawingSet> All { get; } = [new Art4AppsDrawings(), new ScratchCostumes()];
}
