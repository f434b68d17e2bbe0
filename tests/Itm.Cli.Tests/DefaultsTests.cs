using Itm.Cli.Commands;
using Itm.Model.JointEmbedding;
using Itm.Training;

namespace Itm.Cli.Tests;

/// <summary>
/// `itm train` with no options trains what the library's option records default to, except for the text model: the
/// command line defaults to the one the studies found best across the three datasets (MiniLM), while the library keeps
/// the paper's n-gram model, which needs no pretrained encoder.
/// </summary>
public sealed class DefaultsTests
{
    [Fact]
    public void Command_line_defaults_match_the_option_records_but_for_the_studies_text_model()
    {
        var bound = new TrainSettings { Data = "d.json", Out = "m" }.ToJobOptions();

        Assert.Equal(TextModel.Minilm, bound.Model.Text.Model);
        var library = new JointEmbeddingOptions();
        Assert.Equal(library with { Text = library.Text with { Model = TextModel.Minilm } }, bound.Model);
        Assert.Equal(new TrainerOptions(), bound.Trainer);
    }
}
