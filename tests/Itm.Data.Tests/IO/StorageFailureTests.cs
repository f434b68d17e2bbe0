using Itm.Data.IO;

namespace Itm.Data.Tests.IO;

public sealed class StorageFailureTests
{
    [Fact]
    public void A_write_to_a_full_device_is_read_as_no_space()
    {
        // /dev/full answers every write with ENOSPC: the real error .NET raises, not one made up for the test.
        if (!File.Exists("/dev/full"))
        {
            return;
        }

        var error = Assert.ThrowsAny<IOException>(() => File.WriteAllBytes("/dev/full", new byte[4096]));

        Assert.Equal(StorageFailureKind.NoSpace, StorageFailureException.KindOf(error));
    }

    [Theory]
    [InlineData(28, StorageFailureKind.NoSpace)]
    [InlineData(30, StorageFailureKind.NotWritable)]
    [InlineData(unchecked((int)0x80070070), StorageFailureKind.NoSpace)]
    public void The_error_code_of_an_io_error_names_the_kind(int hresult, StorageFailureKind kind)
    {
        Assert.Equal(kind, StorageFailureException.KindOf(new IOException("refused", hresult)));
    }

    [Fact]
    public void Other_errors_and_errors_of_other_codes_are_not_storage_failures()
    {
        Assert.Null(StorageFailureException.KindOf(new IOException("sharing violation", 11)));
        Assert.Null(StorageFailureException.KindOf(new InvalidOperationException("bad state")));
        Assert.Null(StorageFailureException.KindOf(new InvalidDataException("bad file", new IOException("inner", 5))));
    }

    [Fact]
    public void A_wrapped_io_error_is_found()
    {
        var wrapped = new InvalidOperationException("saving failed", new IOException("no space", 28));

        Assert.Equal(StorageFailureKind.NoSpace, StorageFailureException.KindOf(wrapped));
    }

    [Fact]
    public void Guard_names_the_folder_and_what_to_do_and_keeps_the_cause()
    {
        var cause = new IOException("No space left on device : '/x/weights.dat'", 28);

        var error = Assert.Throws<StorageFailureException>(() =>
            StorageFailureException.Guard<int>("models/a", "the model folder", () => throw cause));

        Assert.Equal(StorageFailureKind.NoSpace, error.Kind);
        Assert.Equal(Path.GetFullPath("models/a"), error.Folder);
        Assert.Same(cause, error.InnerException);
        Assert.Contains($"the model folder {Path.GetFullPath("models/a")}", error.Message);
        Assert.Contains("weights.dat", error.Message);
        Assert.Contains("Free some space", error.Message);
    }

    [Fact]
    public void Guard_asks_the_library_reader_for_errors_the_os_codes_do_not_cover()
    {
        var libraryError = new FormatException("SQLITE_READONLY");

        var error = Assert.Throws<StorageFailureException>(() => StorageFailureException.Guard<int>(
            "db", "the index", () => throw new InvalidOperationException("commit failed", libraryError),
            e => e is FormatException ? StorageFailureKind.NotWritable : null));

        Assert.Equal(StorageFailureKind.NotWritable, error.Kind);
        Assert.Contains("read-only", error.Message);
        Assert.Contains("remount it read-write", error.Message);
    }

    [Fact]
    public void Guard_lets_every_other_failure_through_unchanged_and_returns_the_result()
    {
        var other = new InvalidDataException("line 3: bad caption");

        Assert.Same(other, Assert.Throws<InvalidDataException>(() => StorageFailureException.Guard<int>("db", "the index", () => throw other)));
        Assert.Equal(7, StorageFailureException.Guard("db", "the index", () => 7));
    }
}
