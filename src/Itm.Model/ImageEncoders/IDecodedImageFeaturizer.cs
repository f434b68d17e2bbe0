using Itm.Data.Images;

namespace Itm.Model.ImageEncoders;

/// <summary>
/// An extractor whose work splits at the decoded image: <see cref="Decode"/> reads a file as the network sees it
/// (decoded, resized, cropped), and <see cref="Featurize"/> turns such images, edited in memory or not, into the vectors
/// <see cref="IImageFeatureExtractor.Extract"/> gives for files. Explanations paint over parts of an image this way
/// without restating the preprocessing.
/// </summary>
public interface IDecodedImageFeaturizer : IImageFeatureExtractor
{
    /// <summary>How <see cref="Featurize"/> turns pixels into the network's input.</summary>
    ChwNormalization Normalization { get; }

    /// <summary>The image at <paramref name="path"/> as the network takes it; throws <see cref="ImageLoadException"/> naming it.</summary>
    RgbImage Decode(string path);

    /// <summary>One vector per image, in order; every image is the size <see cref="Decode"/> gives.</summary>
    float[][] Featurize(IReadOnlyList<RgbImage> images);
}
