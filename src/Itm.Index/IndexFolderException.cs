namespace Itm.Index;

/// <summary>Why an index folder can't be used as asked.</summary>
public enum IndexProblem
{
    /// <summary>The folder holds no index (or not a whole one).</summary>
    NotAnIndex,

    /// <summary>The index was built with another model; its vectors mean nothing to this one.</summary>
    ModelMismatch,

    /// <summary>The index holds another images folder.</summary>
    ImagesRootMismatch,

    /// <summary>Another process is writing to the index.</summary>
    Locked,

    /// <summary>A file of the index disagrees with the catalog beyond what recovery repairs.</summary>
    Damaged,

    /// <summary>The index was written by a newer or older itm.</summary>
    FormatVersion,

    /// <summary>The index lacks what the query needs (captions, the image asked about).</summary>
    Missing,

    /// <summary>The Garnet nodes that hold the index's vectors can't be reached, did not answer in time, or refused a command.</summary>
    BackendUnavailable,
}

/// <summary>An index folder that can't be used as asked, with a message that names it and says what to do.</summary>
public sealed class IndexFolderException : Exception
{
    public IndexFolderException(string message, IndexProblem problem = IndexProblem.NotAnIndex, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
    }

    public IndexProblem Problem { get; }
}
