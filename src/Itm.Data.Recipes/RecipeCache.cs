namespace Itm.Data.Recipes;

/// <summary>Where recipes keep what they fetch or unpack between runs: itm's cache folder.</summary>
internal static class RecipeCache
{
    /// <summary>A folder of itm's cache: <c>$ITM_CACHE/NAME</c>, or <c>~/.cache/itm/NAME</c>.</summary>
    public static string Folder(string name)
    {
        string? root = Environment.GetEnvironmentVariable("ITM_CACHE");
        if (string.IsNullOrWhiteSpace(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "itm");
        return Path.Combine(root, name);
    }
}
