using Itm.Data.Recipes;
using Itm.Model.ImageEncoders;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using Itm.Training.Jobs;

namespace Itm.Training.Tests;

/// <summary>A model trained for one epoch on 24 tiny synthetic scenes (4 of them val, a few test): what the job tests judge.</summary>
internal sealed record TinySyntheticModel(SyntheticResult Data, string ModelDir, string CacheDir)
{
    public static TinySyntheticModel Train(string root, int testCount = 4, IProgress<JobEvent>? progress = null)
    {
        var data = new SyntheticRecipe(new SyntheticOptions(Path.Combine(root, "data"), ImageCount: 24, ValCount: 4, TestCount: testCount, ImageSize: 32)).Run();
        string model = Path.Combine(root, "model"), cache = Path.Combine(root, "cache");
        TrainJob.Run(new TrainJobOptions
        {
            DatasetPath = data.DatasetPath,
            OutDir = model,
            CacheDir = cache,
            Model = new JointEmbeddingOptions { Dim = 16, Text = new() { Model = BagOfFeaturesSpec.TrigramSkip }, Image = new() { Model = ConvNetSpec.ConvNet, PixelSize = 32 } },
            Trainer = new TrainerOptions { Epochs = 1, BatchSize = 8 },
        }, progress);
        return new TinySyntheticModel(data, model, cache);
    }
}
