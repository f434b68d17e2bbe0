using System.ComponentModel;
using System.Diagnostics;

namespace Itm.Data.Recipes;

/// <summary>Asks dpkg which version of a Debian package is installed, so a recipe report can say exactly what it read.</summary>
internal static class DpkgQuery
{
    /// <summary>
    /// The installed version of <paramref name="package"/> (<c>dpkg-query -W</c>: "0.8.90-11"), or null when the package is
    /// not installed (or removed with its configuration left) or the machine has no dpkg (a theme copied by hand, a test folder).
    /// </summary>
    public static string? InstalledVersion(string package)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        var start = new ProcessStartInfo("dpkg-query")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-W", "-f=${db:Status-Status} ${Version}", package })
            start.ArgumentList.Add(argument);
        try
        {
            using Process? process = Process.Start(start);
            if (process is null)
                return null;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            const string Installed = "installed ";
            return process.ExitCode == 0 && output.StartsWith(Installed, StringComparison.Ordinal) ? output[Installed.Length..].Trim() : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
