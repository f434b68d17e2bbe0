namespace Itm.Training.Study;

/// <summary>
/// A study process's hold on one run while it trains it, so that several processes started on the same study folder
/// share its runs out instead of training the same one twice. The hold is an exclusive lock on a file in the run's
/// folder (.NET takes an advisory <c>flock</c> for <see cref="FileShare.None"/> on Unix), which the operating system
/// drops when the process ends however it ends, so a killed study never leaves a run claimed.
/// </summary>
internal sealed class RunClaim : IDisposable
{
    private const string FileName = ".study-claim";

    private readonly FileStream stream;

    private RunClaim(FileStream stream) => this.stream = stream;

    /// <summary>The claim on the run in <paramref name="runFolder"/>, or null when another process holds it.</summary>
    public static RunClaim? TryTake(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        try
        {
            return new RunClaim(new FileStream(
                Path.Combine(runFolder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}
