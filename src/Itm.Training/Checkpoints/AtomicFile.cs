namespace Itm.Training.Checkpoints;

/// <summary>Writes a file so a reader sees either the old content or the new, never a torn write.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
