using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace Itm.Data.Recipes;

/// <summary>
/// One pinned npm package, fetched once with the machine's <c>npm pack</c> into a cache folder and extracted there with
/// .NET's tar reader: <c>CACHE/&lt;name&gt;-&lt;version&gt;/package/</c> ("@mdi/svg" 7.4.47 → <c>mdi-svg-7.4.47/package</c>,
/// the name npm gives the tarball). A folder already there is used as it is, so an offline user can place an extracted
/// package at that path.
/// </summary>
internal static class NpmPackage
{
    /// <summary>Where packages are cached when no folder is given: <c>$ITM_CACHE/npm</c>, or <c>~/.cache/itm/npm</c>.</summary>
    public static string DefaultCacheDir() => RecipeCache.Folder("npm");

    /// <summary>"@mdi/svg" → "mdi-svg": the stem npm gives the package's tarball.</summary>
    public static string FileStem(string name) => name.TrimStart('@').Replace('/', '-');

    /// <summary>The extracted package folder (the one holding its package.json), fetching and extracting it when missing.</summary>
    public static string Ensure(string name, string version, string cacheDir, IProgress<string>? log)
    {
        string folder = Path.Combine(Path.GetFullPath(cacheDir), $"{FileStem(name)}-{version}");
        string root = Path.Combine(folder, "package");
        if (File.Exists(Path.Combine(root, "package.json")))
            return root;

        Directory.CreateDirectory(folder);
        string tarball = Path.Combine(folder, $"{FileStem(name)}-{version}.tgz");
        if (!File.Exists(tarball))
        {
            log?.Report($"Fetching {name}@{version} with npm pack into {folder}");
            Pack($"{name}@{version}", folder);
            if (!File.Exists(tarball))
                throw new FileNotFoundException($"npm pack {name}@{version} did not write {tarball}.", tarball);
        }

        string staging = Path.Combine(folder, $".extract-{Guid.NewGuid():N}");
        try
        {
            Extract(tarball, staging);
            string extracted = Path.Combine(staging, "package");
            if (!File.Exists(Path.Combine(extracted, "package.json")))
                throw new InvalidDataException($"The npm tarball {tarball} has no package/package.json.");
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            Directory.Move(extracted, root);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }

        return root;
    }

    /// <summary>Extracts the regular files and folders of a .tgz under <paramref name="target"/>; an entry that would land outside it is an error.</summary>
    public static void Extract(string tarball, string target)
    {
        string root = Path.GetFullPath(target);
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        using FileStream file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.Directory))
                continue;
            string path = Path.GetFullPath(Path.Combine(root, entry.Name));
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
                throw new InvalidDataException($"The entry '{entry.Name}' of {tarball} points outside the package folder.");
            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: true);
        }
    }

    private static void Pack(string spec, string folder)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (string argument in new[] { "pack", spec, "--pack-destination", folder, "--silent" })
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"npm could not be started to fetch {spec}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"npm is needed to fetch {spec} ({e.Message}); install it, or place the extracted package in {folder}/package.", e);
        }

        using (process)
        {
            Task<string> error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"npm pack {spec} failed with exit code {process.ExitCode}: {error.Result.Trim()}");
        }
    }
}
