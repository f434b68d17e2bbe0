using System.Diagnostics;

namespace Itm.Data.Recipes;

/// <summary>
/// Makes sure a Debian package that a recipe reads its raw data from is installed. Recipes call it before
/// they touch the package's files, so a fresh machine gets the data in one step when run as root, and a
/// normal user gets the exact command to run instead of a bare "directory not found".
/// </summary>
public static class DebianPackage
{
    /// <summary>
    /// Returns at once when <paramref name="probePath"/> (a file or folder the package installs) exists.
    /// Otherwise, as root, runs <c>apt-get install -y PACKAGE</c> (and, if that fails, <c>apt-get update</c>
    /// and the install again), streaming apt's output to <paramref name="log"/>; as any other user, throws
    /// an <see cref="InvalidOperationException"/> whose message is the <c>sudo apt-get install</c> command.
    /// </summary>
    public static void EnsureInstalled(string package, string probePath, IProgress<string>? log = null) =>
        EnsureInstalled(package, probePath, log, IsRoot, RunProcess);

    /// <summary>The same, with the root check and the process runner replaceable so tests need neither root nor apt.</summary>
    internal static void EnsureInstalled(
        string package,
        string probePath,
        IProgress<string>? log,
        Func<bool> isRoot,
        Func<string, IReadOnlyList<string>, IProgress<string>?, int> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(package);
        ArgumentException.ThrowIfNullOrWhiteSpace(probePath);
        if (Exists(probePath))
            return;

        string command = $"sudo apt-get install {package}";
        if (!isRoot())
        {
            throw new InvalidOperationException(
                $"'{probePath}' was not found. It comes from the Debian package '{package}'; install it with: {command}");
        }

        log?.Report($"'{probePath}' was not found; installing the Debian package '{package}'.");
        int exit = InstallRetryingAfterUpdate([package], log, run);
        if (exit != 0)
            throw new InvalidOperationException($"apt-get install {package} failed with exit code {exit}; try: {command}");
        if (!Exists(probePath))
            throw new InvalidOperationException($"The Debian package '{package}' is installed but '{probePath}' still does not exist.");
    }

    /// <summary>
    /// For a recipe that reads many optional packages (the icon themes): as root, installs in one <c>apt-get install</c>
    /// (and again after <c>apt-get update</c> if that fails) every package whose probe path is missing; as any other user,
    /// installs nothing. A package apt cannot install is left for the caller, which reports what is still missing.
    /// </summary>
    public static void InstallMissingAsRoot(IReadOnlyList<(string Package, string ProbePath)> packages, IProgress<string>? log = null) =>
        InstallMissingAsRoot(packages, log, IsRoot, RunProcess);

    /// <summary>The same, with the root check and the process runner replaceable.</summary>
    internal static void InstallMissingAsRoot(
        IReadOnlyList<(string Package, string ProbePath)> packages,
        IProgress<string>? log,
        Func<bool> isRoot,
        Func<string, IReadOnlyList<string>, IProgress<string>?, int> run)
    {
        ArgumentNullException.ThrowIfNull(packages);
        List<string> missing = packages.Where(p => !Exists(p.ProbePath)).Select(p => p.Package).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0 || !isRoot())
            return;

        log?.Report($"Installing the Debian packages {string.Join(' ', missing)}.");
        InstallRetryingAfterUpdate(missing, log, run);
    }

    /// <summary><c>apt-get install -y PACKAGES</c>, and once more after <c>apt-get update</c> if it fails; the last exit code.</summary>
    private static int InstallRetryingAfterUpdate(IReadOnlyList<string> packages, IProgress<string>? log, Func<string, IReadOnlyList<string>, IProgress<string>?, int> run)
    {
        int exit = run("apt-get", ["install", "-y", .. packages], log);
        if (exit == 0)
            return 0;

        // A fresh container often has no package lists yet; refreshing them is the usual cure.
        log?.Report($"apt-get install exited with {exit}; running apt-get update and trying again.");
        run("apt-get", ["update"], log);
        return run("apt-get", ["install", "-y", .. packages], log);
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static bool IsRoot()
    {
        if (Environment.UserName == "root")
            return true;
        try
        {
            // Environment.UserName reads $USER, which sudo and containers do not always set; the effective uid decides.
            var start = new ProcessStartInfo("id", "-u") { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
                return false;
            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output == "0";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static int RunProcess(string fileName, IReadOnlyList<string> arguments, IProgress<string>? log)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // Without this apt may stop to ask questions (debconf) and the recipe would hang.
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";

        try
        {
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) log?.Report(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log?.Report(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{fileName}' ({e.Message}); this needs a Debian-based system with apt-get.", e);
        }
    }
}
