using System.Diagnostics;

namespace Itm.Index.Tests.Fixtures;

/// <summary>The git command line, for tests that hold our behaviour to git's own; <see cref="GitFactAttribute"/> skips them where git is not installed.</summary>
internal static class Git
{
    public static bool IsInstalled { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(folder => File.Exists(Path.Combine(folder, OperatingSystem.IsWindows() ? "git.exe" : "git")));

    /// <summary>Runs git in <paramref name="folder"/> with no user or system configuration; returns its standard output.</summary>
    public static string Run(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The machine's own settings (a global excludes file, above all) must not change what git ignores here.
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["HOME"] = folder;
        start.Environment["XDG_CONFIG_HOME"] = folder;
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start)!;
        var error = git.StandardError.ReadToEndAsync();
        string output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)} failed: {error.Result}");
        return output;
    }
}

/// <summary>A fact that needs the git command line: skipped, saying so, where git is not installed.</summary>
public sealed class GitFactAttribute : FactAttribute
{
    public GitFactAttribute()
    {
        if (!Git.IsInstalled)
        {
            Skip = "git is not installed: nothing to compare the ignore rules with.";
        }
    }
}
