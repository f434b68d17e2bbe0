using System.Security.Cryptography;
using System.Text;

namespace Itm.Data;

/// <summary>
/// A content hash of a dataset — name, image ids and files, splits, sentence ids and text — so a model
/// folder records exactly what it was trained on, and a resumed run can refuse changed data.
/// </summary>
public static class DatasetFingerprint
{
    public static string Of(CaptionDataset dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }

        Add(dataset.Name);
        foreach (var image in dataset.Images)
        {
            Add(image.Id);
            Add(Path.GetFileName(image.ImagePath));
            Add(image.Split.ToString());
            foreach (var caption in image.Captions)
            {
                Add(caption.SentenceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Add(caption.Raw);
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
