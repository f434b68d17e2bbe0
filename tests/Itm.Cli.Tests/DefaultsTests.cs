using Itm.Cli.Commands;
using Itm.Model.JointEmbedding;
using Itm.Training;

namespace Itm.Cli.Tests;

/// <summary>`itm train` with no options trains exactly what the library's option records default to.</summary>
public sealed class DefaultsTests
{
    [Fact]
    public void Command_line_defaults_match_the_option_records()
    {
        var bound = new TrainSettings { Data = "d.json", Out = "m" }.ToJobOptions();

        Assert.Equal(new JointEmbeddingOptions(), bound.Model);
        Assert.Equal(new TrainerOptions(), bound.Trainer);
    }
}
