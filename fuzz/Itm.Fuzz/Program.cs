using Itm.Fuzz;
using SharpFuzz;

// Usage:
//   Itm.Fuzz list                     the targets and what each treats as handled
//   Itm.Fuzz TARGET                   under afl-fuzz (persistent mode): inputs come from the fuzzer
//   Itm.Fuzz TARGET FILE...           replays files: prints each one's outcome; an unhandled exception ends with exit 1
// scripts/fuzz/run.sh builds, instruments and runs every target.
if (args.Length == 0 || args[0] is "list" or "-h" or "--help")
{
    foreach (var each in FuzzTargets.All)
    {
        Console.WriteLine($"{each.Name,-18} {each.Description}");
    }

    return args.Length == 0 ? 2 : 0;
}

var target = FuzzTargets.Find(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"No fuzz target '{args[0]}'. Targets: {string.Join(", ", FuzzTargets.Names)}.");
    return 2;
}

using var scratch = new Scratch();
if (args.Length == 1)
{
    Fuzzer.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        target.Run(copy.ToArray(), scratch);
    });
    return 0;
}

foreach (string file in args.Skip(1))
{
    var outcome = target.Run(File.ReadAllBytes(file), scratch);
    Console.WriteLine($"{file}: {(outcome.Rejection is { } e ? $"rejected ({e.GetType().Name}: {e.Message})" : "read")}");
}

return 0;
