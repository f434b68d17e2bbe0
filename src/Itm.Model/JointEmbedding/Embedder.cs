using Itm.Model.TextEncoders;
using static TorchSharp.torch;

namespace Itm.Model.JointEmbedding;

/// <summary>
/// Encodes whole collections with a trained model, in chunks, in inference mode, and hands back plain
/// row-major <c>float[]</c> (N × D) so nothing downstream touches tensors.
/// </summary>
public static class Embedder
{
    public static float[] EncodeImages(JointEmbeddingModel model, Tensor images, int batchSize = 256)
    {
        long count = images.shape[0];
        return EncodeInChunks(model, count, batchSize, (start, length) => model.EncodeImages(images.narrow(0, start, length)));
    }

    public static float[] EncodeTexts(JointEmbeddingModel model, IReadOnlyList<TextInput> sentences, int batchSize = 256)
    {
        return EncodeInChunks(model, sentences.Count, batchSize, (start, length) =>
            model.EncodeTexts(sentences.Skip((int)start).Take((int)length).ToList()));
    }

    private static float[] EncodeInChunks(JointEmbeddingModel model, long count, int batchSize, Func<long, long, Tensor> encode)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            var result = new List<float>();
            using var noGrad = no_grad();
            for (long start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                long length = Math.Min(batchSize, count - start);
                result.AddRange(encode(start, length).contiguous().data<float>().ToArray());
            }

            return result.ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
