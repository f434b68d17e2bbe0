using Itm.Data;
using Itm.Data.Readers;
using Itm.Model.ImageInputs;
using Itm.Model.JointEmbedding;
using Itm.Model.TextEncoders;
using Itm.Training;
using Itm.Training.Jobs;

namespace Itm.Benchmarks.Train;

/// <summary>
/// A dataset's training split as <c>itm train</c> prepares it for one text model: cached frozen ResNet18 features of the
/// training images, the featurizer built from the training captions, every caption featurised.
/// </summary>
public sealed class BenchmarkTrainingSet : IDisposable
{
    private BenchmarkTrainingSet(TrainingData data, int featureCount, int imageFeatureDim)
    {
        Data = data;
        FeatureCount = featureCount;
        ImageFeatureDim = imageFeatureDim;
    }

    public TrainingData Data { get; }

    /// <summary>The text featurizer's id space: the vocabulary or n-gram feature count.</summary>
    public int FeatureCount { get; }

    public int ImageFeatureDim { get; }

    /// <param name="vocabularyCopies">See <see cref="TrainBenchmarkOptions.VocabularyCopies"/>; 1 leaves the ids as they are.</param>
    public static BenchmarkTrainingSet Load(string datasetPath, TextEncoderOptions text, ImageEncoderOptions image, string? cacheDir, int vocabularyCopies = 1)
    {
        var dataset = DatasetLoader.Load(datasetPath);
        var train = dataset.InSplit(Split.Train);
        using var source = ImageInputSource.Create(image, cacheDir);
        var inputs = source.Load([.. train.Select(i => i.ImagePath)], skipUnreadable: false, progress: null, CancellationToken.None);
        var featurizer = TextFeaturizerFactory.Build(text, train);
        var sentences = new List<TextInput>();
        var sentenceImage = new List<int>();
        for (int row = 0; row < train.Count; row++)
        {
            foreach (var caption in train[row].Captions)
            {
                // Copy (row mod K) of the id space: see TrainBenchmarkOptions.VocabularyCopies.
                int shift = featurizer.FeatureCount * (row % vocabularyCopies);
                sentences.Add(TextInput.FromIds([.. featurizer.Featurize(caption.Tokens).Select(id => id + shift)]));
                sentenceImage.Add(row);
            }
        }

        var data = new TrainingData(inputs.ToTensor(0, inputs.Count), sentences, sentenceImage);
        return new BenchmarkTrainingSet(data, featurizer.FeatureCount * vocabularyCopies, source.Shape[0]);
    }

    public void Dispose() => Data.Dispose();
}
