using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Recipes.Tests;

public sealed class DebianPackageInstall : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly List<string> _commands = [];

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Does_nothing_when_the_probe_exists()
    {
        DebianPackage.EnsureInstalled("openclipart-svg", _folder.Root, null, () => true, Record(0));

        Assert.Empty(_commands);
    }

    [Fact]
    public void Tells_a_normal_user_the_exact_command()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DebianPackage.EnsureInstalled("openclipart-svg", _folder.PathOf("missing"), null, () => false, Record(0)));

        Assert.Contains("sudo apt-get install openclipart-svg", error.Message);
        Assert.Empty(_commands);
    }

    [Fact]
    public void Root_installs_and_retries_after_apt_get_update()
    {
        string probe = _folder.PathOf("installed");
        int installs = 0;
        int Run(string file, IReadOnlyList<string> args, IProgress<string>? log)
        {
            _commands.Add(file + " " + string.Join(' ', args));
            if (args[0] != "install")
                return 0;
            // The first install fails (no package lists yet); the one after the update succeeds.
            if (++installs == 1)
                return 100;
            Directory.CreateDirectory(probe);
            return 0;
        }

        DebianPackage.EnsureInstalled("openclipart-svg", probe, null, () => true, Run);

        Assert.Equal(["apt-get install -y openclipart-svg", "apt-get update", "apt-get install -y openclipart-svg"], _commands);
    }

    [Fact]
    public void Root_gets_a_clear_error_when_apt_fails_twice()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            DebianPackage.EnsureInstalled("openclipart-svg", _folder.PathOf("missing"), null, () => true, Record(100)));

        Assert.Contains("exit code 100", error.Message);
    }

    [Fact]
    public void Root_installs_only_the_missing_optional_packages_in_one_apt_run()
    {
        Directory.CreateDirectory(_folder.PathOf("breeze"));
        (string, string)[] themes = [("breeze-icon-theme", _folder.PathOf("breeze")), ("oxygen-icon-theme", _folder.PathOf("oxygen")), ("papirus-icon-theme", _folder.PathOf("papirus"))];

        DebianPackage.InstallMissingAsRoot(themes, null, () => true, Record(0));

        Assert.Equal(["apt-get install -y oxygen-icon-theme papirus-icon-theme"], _commands);
    }

    [Fact]
    public void Optional_packages_are_retried_after_apt_get_update_and_a_normal_user_installs_none()
    {
        (string, string)[] themes = [("oxygen-icon-theme", _folder.PathOf("oxygen"))];

        DebianPackage.InstallMissingAsRoot(themes, null, () => false, Record(0));
        Assert.Empty(_commands);

        // apt failing twice is not an error here: the recipe goes on without the theme and says which are missing.
        DebianPackage.InstallMissingAsRoot(themes, null, () => true, Record(100));
        Assert.Equal(["apt-get install -y oxygen-icon-theme", "apt-get update", "apt-get install -y oxygen-icon-theme"], _commands);
    }

    private Func<string, IReadOnlyList<string>, IProgress<string>?, int> Record(int exitCode) => (file, args, _) =>
    {
        _commands.Add(file + " " + string.Join(' ', args));
        return exitCode;
    };
}
