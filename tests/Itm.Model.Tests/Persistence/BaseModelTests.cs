using Itm.Model.Persistence;

namespace Itm.Model.Tests.Persistence;

/// <summary>The name "base" stands for the shipped base model wherever a model folder is read; anything else is a path.</summary>
[Collection("Sequential")]
public sealed class BaseModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("itm-basemodel-").FullName;
    private readonly string? saved = Environment.GetEnvironmentVariable(BaseModel.FolderVariable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(BaseModel.FolderVariable, saved);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("base")]
    [InlineData("BASE")]
    public void Base_names_the_folder_the_variable_points_at(string name)
    {
        File.WriteAllText(Path.Combine(folder, ModelFolder.ManifestFile), "{}");
        Environment.SetEnvironmentVariable(BaseModel.FolderVariable, folder);

        Assert.Equal(folder, ModelFolder.Locate(name));
    }

    [Fact]
    public void Any_other_argument_is_a_path_even_one_that_ends_in_base()
    {
        Environment.SetEnvironmentVariable(BaseModel.FolderVariable, folder);

        Assert.Equal(Path.GetFullPath("./base"), ModelFolder.Locate("./base"));
        Assert.Equal(Path.GetFullPath("models/base"), ModelFolder.Locate("models/base"));
    }

    [Fact]
    public void A_missing_base_model_says_where_it_was_looked_for_and_how_to_get_one()
    {
        string empty = Path.Combine(folder, "nothing-here");
        Environment.SetEnvironmentVariable(BaseModel.FolderVariable, empty);

        var error = Assert.Throws<ModelFolderException>(() => ModelFolder.ReadManifest(BaseModel.Name));
        Assert.Contains(empty, error.Message);
        Assert.Contains("models/base", error.Message);
        Assert.Contains("itm base build", error.Message);
    }

    [Fact]
    public void Without_the_variable_the_base_model_sits_beside_the_binary()
    {
        Environment.SetEnvironmentVariable(BaseModel.FolderVariable, null);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models", "base"), BaseModel.Folder);
    }
}
