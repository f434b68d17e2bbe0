namespace Itm.Data.Recipes;

/// <summary>The most captions a recipe keeps per image, the first ones (the recipes order them best first).</summary>
internal static class CaptionLimit
{
    /// <summary>Cuts every list down to <paramref name="max"/> captions and returns how many were dropped, for the report.</summary>
    public static int Apply(IEnumerable<List<CaptionCandidate>> captionLists, int max)
    {
        int dropped = 0;
        foreach (List<CaptionCandidate> captions in captionLists.Where(c => c.Count > max))
        {
            dropped += captions.Count - max;
            captions.RemoveRange(max, captions.Count - max);
        }

        return dropped;
    }
}
