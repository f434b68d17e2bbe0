using Itm.Model.TextEncoders;
using Itm.Model.JointEmbedding;

namespace Itm.Benchmarks.Train;

/// <summary>The five text models the training benchmark compares, as the command line names them.</summary>
public enum BenchmarkTextModel
{
    Bow,
    Bigram,
    Trigram,
    TrigramSkip,
    Sse,
}

/// <summary>Maps a benchmarked text model to itm's own options and to the name the peer script is given.</summary>
public static class BenchmarkTextModels
{
    public static TextEncoderOptions Options(BenchmarkTextModel model) => model switch
    {
        BenchmarkTextModel.Bow => new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow },
        BenchmarkTextModel.Bigram => new TextEncoderOptions { Model = BagOfFeaturesSpec.Bigram },
        BenchmarkTextModel.Trigram => new TextEncoderOptions { Model = BagOfFeaturesSpec.Trigram },
        BenchmarkTextModel.TrigramSkip => new TextEncoderOptions { Model = BagOfFeaturesSpec.TrigramSkip },
        BenchmarkTextModel.Sse => new TextEncoderOptions { Model = SequenceEncoderSpec.Sse },
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>bow, bigram, trigram, trigram-skip, sse.</summary>
    public static string Name(BenchmarkTextModel model) => model switch
    {
        BenchmarkTextModel.TrigramSkip => "trigram-skip",
        _ => model.ToString().ToLowerInvariant(),
    };

    public static BenchmarkTextModel Parse(string name)
    {
        string wanted = name.Trim().ToLowerInvariant();
        foreach (var model in Enum.GetValues<BenchmarkTextModel>())
        {
            if (Name(model) == wanted)
            {
                return model;
            }
        }

        throw new FormatException($"Unknown text model '{name}'; expected one of: {string.Join(", ", Enum.GetValues<BenchmarkTextModel>().Select(Name))}.");
    }
}
