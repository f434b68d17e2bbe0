using Itm.Data.Images;
using Itm.Model.Features;

namespace Itm.Model.Persistence;

/// <summary>
/// The base model: trained by <c>itm base build</c> on openly licensed icon and drawing sets (never on OpenClipart,
/// Tux Paint or any emoji set, which stay held-out benchmarks), committed to the repository under <c>models/base</c>
/// and copied next to the itm binary, so that a fresh clone searches a folder without training. Every command that
/// takes a model folder takes the name <c>base</c> for it (<see cref="ModelFolder.Locate"/>).
/// </summary>
public static class BaseModel
{
    /// <summary>The name that stands for the base model wherever a model folder is expected.</summary>
    public const string Name = "base";

    /// <summary>An environment variable that points <see cref="Name"/> at another folder (a rebuilt base model, say).</summary>
    public const string FolderVariable = "ITM_BASE_MODEL";

    /// <summary>The folder under the repository root and under the binary's folder that holds the shipped base model.</summary>
    public const string RelativeFolder = "models/base";

    /// <summary>
    /// The base model's text encoder: MiniLM beside a learned bag of words (late fusion), not the trigram + skip-gram bag
    /// of <c>itm train</c>'s default, whose table for the icon sets' names would be hundreds of megabytes. The word bag
    /// tells apart names that differ by one word, which MiniLM's frozen vector does not: against MiniLM alone on the same
    /// data and seed (three such pairs) it added 18–25 R-sum on the base model's own test families, 9–19 zero-shot on
    /// OpenClipart and 5–13 on emoji, and moved Tux Paint by −26 to +8 (docs/base-model.md).
    /// </summary>
    public const string TextEncoder = "minilm+bow";

    /// <summary>
    /// The base model's word bag holds the 8,000 most frequent words of its training captions (of about 11,000; the
    /// rest are seen once or twice), so its table is 33 MB and the shipped weights stay under 40 MB.
    /// </summary>
    public const int MaxFeatures = 8000;

    /// <summary>
    /// Dropout 0.1 in both channels, where <c>itm train</c> uses 0.5: on 70,000 training drawings the heads do not
    /// overfit the way they do on a few thousand, and over two seeds the lighter dropout added 10 R-sum on the base
    /// model's own test families and 19 zero-shot on Tux Paint, with OpenClipart level (docs/base-model.md).
    /// </summary>
    public const double Dropout = 0.1;

    /// <summary>
    /// The arithmetic of the pretrained MiniLM behind the base model's text channel: float32, so <c>itm base build</c>
    /// reproduces the shipped model (<c>itm train</c>'s default is int8).
    /// </summary>
    public const PretrainedPrecision TextPrecision = PretrainedPrecision.Float32;

    /// <summary>
    /// The arithmetic of the pretrained ResNet18 behind the base model's image channel: int8, as <c>itm train</c>'s, so
    /// that a folder is indexed at int8's speed. With one view a float32 build fine-tuned about 4 R-sum higher on
    /// OpenClipart; with two scales and quarters dropout the int8 build meets the fine-tuning targets (docs/base-model.md).
    /// </summary>
    public const PretrainedPrecision ImagePrecision = PretrainedPrecision.Int8;

    /// <summary>
    /// The base model sees a picture at two scales, whole and as four quarters at twice the detail
    /// (<see cref="ImageViews.Scales"/>): fine-tuned from it, OpenClipart and Tux Paint gain about 9 and
    /// 15 R-sum over one view (docs/base-model.md). Indexing a folder computes five passes of ResNet18 per picture.
    /// </summary>
    public const ImageViews Views = ImageViews.Scales;

    /// <summary>
    /// Three in ten of the base model's training pictures, at each step, have their quarters' features replaced by the
    /// whole picture's (<see cref="JointEmbedding.ImageEncoderOptions.QuartersDropout"/>). Without it two scales lost
    /// 2–21 R-sum zero-shot on OpenClipart, Tux Paint and emoji against one view; with it, over two seeds, zero-shot is
    /// level with one view's, and fine-tuning keeps the two scales' gain. Of 0.3, 0.5 and 0.7, 0.3 had the best
    /// validation R-sum summed over the base model's own split, OpenClipart's and Tux Paint's (docs/base-model.md).
    /// </summary>
    public const double QuartersDropout = 0.3;

    /// <summary>Where <see cref="Name"/> leads: <c>$ITM_BASE_MODEL</c> when set, else <c>models/base</c> beside the binary.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : Path.Combine(AppContext.BaseDirectory, RelativeFolder);

    /// <summary>Whether a model argument names the base model rather than a folder ("base", any case; "./base" is a folder).</summary>
    public static bool IsName(string? model) => string.Equals(model, Name, StringComparison.OrdinalIgnoreCase);
}
