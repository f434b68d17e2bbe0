using Itm.Model.JointEmbedding;
using TorchSharp;
using static TorchSharp.torch;
using Itm.Model.TextEncoders;

namespace Itm.Model.Tests.JointEmbedding;

/// <summary>
/// TorchSharp's native library loads on this machine (Debian 12's libstdc++ needs the build's
/// GLIBCXX fix) and an optimisation step really trains: the loss on a fixed batch goes down.
/// </summary>
[Collection("Sequential")]
public sealed class TrainingStepTests
{
    [Fact]
    public void Adam_steps_reduce_a_matching_loss_on_a_fixed_batch()
    {
        manual_seed(11);
        var options = new JointEmbeddingOptions { Dim = 16, Text = new TextEncoderOptions { Model = BagOfFeaturesSpec.Bow, HiddenDim = 32 } };
        using var model = JointEmbeddingFactory.Create(options, 30, [8]);
        using var optimizer = optim.Adam(model.parameters(), 0.01);
        using var images = randn(6, 8);
        var sentences = Enumerable.Range(0, 6).Select(i => new[] { i + 2, i + 10 }).ToList();

        double Loss()
        {
            // Cross-entropy over the 6×6 similarity matrix: each image should pick its own sentence.
            var scores = model.EncodeImages(images).matmul(model.EncodeTexts(sentences).t()) / 0.1;
            return nn.functional.cross_entropy(scores, arange(6)).item<float>();
        }

        model.train();
        double before = Loss();
        for (int step = 0; step < 30; step++)
        {
            using var scope = NewDisposeScope();
            var scores = model.EncodeImages(images).matmul(model.EncodeTexts(sentences).t()) / 0.1;
            var loss = nn.functional.cross_entropy(scores, arange(6));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        double after = Loss();
        Assert.True(after < before * 0.5, $"loss went from {before} to {after}");
    }

    [Fact]
    public void Encoding_in_a_loop_leaves_no_live_tensors_behind()
    {
        manual_seed(12);
        var options = new JointEmbeddingOptions { Dim = 8, Text = new TextEncoderOptions { Model = SequenceEncoderSpec.Sse, WordDim = 4, GruDim = 4 } };
        using var model = JointEmbeddingFactory.Create(options, 10, [8]);
        using var images = randn(4, 8);
        var sentences = new List<int[]> { new[] { 2, 3 }, new[] { 4 } };

        long LiveAfterBatch()
        {
            using var scope = NewDisposeScope();
            _ = model.EncodeImages(images);
            _ = model.EncodeTexts(sentences);
            return 0;
        }

        LiveAfterBatch();
        long baseline = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (int i = 0; i < 20; i++)
        {
            LiveAfterBatch();
        }

        Assert.Equal(baseline, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }
}
