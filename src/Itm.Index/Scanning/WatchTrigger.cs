namespace Itm.Index.Scanning;

/// <summary>Why <see cref="FolderWatcher.WaitForChange"/> returned: what starts the next indexing run.</summary>
public enum WatchTrigger
{
    /// <summary>Images (or ignore rules) changed and the folder has been quiet since.</summary>
    Changes,

    /// <summary>The rescan interval passed without events: a run to catch what events missed.</summary>
    Rescan,
}
