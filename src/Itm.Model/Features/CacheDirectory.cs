namespace Itm.Model.Features;

/// <summary>Where itm keeps derived files that can always be rebuilt (feature vectors, batch-enabled model copies).</summary>
public static class CacheDirectory
{
    /// <summary>Environment variable that overrides the default cache root.</summary>
    public const string EnvironmentVariable = "ITM_CACHE";

    /// <summary>
    /// <paramref name="configured"/> if given, else $ITM_CACHE, else $XDG_CACHE_HOME/itm, else ~/.cache/itm
    /// (the XDG base-directory convention, so users find and clear it where they expect).
    /// </summary>
    public static string Resolve(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var itm = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(itm))
        {
            return Path.GetFullPath(itm);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "itm");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home))
        {
            throw new InvalidOperationException(
                $"Cannot find a cache folder: no home directory, and neither ${EnvironmentVariable} nor $XDG_CACHE_HOME is set. Set ${EnvironmentVariable}.");
        }

        return Path.Combine(home, ".cache", "itm");
    }
}
