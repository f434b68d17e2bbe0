namespace Itm.Benchmarks.Search;

/// <summary>
/// This process's resident memory from /proc/self/status, in KiB: all of it, the file-backed part (memory-mapped
/// vector and graph files: page cache, shared with other processes) and the anonymous part (the heap).
/// </summary>
public sealed record ProcessMemory(long VmRssKiB, long RssFileKiB, long RssAnonKiB)
{
    public static ProcessMemory Now()
    {
        string[] wanted = ["VmRSS", "RssFile", "RssAnon"];
        var fields = File.ReadLines("/proc/self/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && wanted.Contains(parts[0]))
            .ToDictionary(parts => parts[0], parts => long.Parse(parts[1].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        return new ProcessMemory(fields["VmRSS"], fields.GetValueOrDefault("RssFile"), fields.GetValueOrDefault("RssAnon"));
    }
}
