using Itm.Model.ImageEncoders;
using Itm.Model.TextEncoders;

namespace Itm.Model.Catalog;

/// <summary>
/// Every text and image encoder itm can build, by name: the one place that lists them. Adding an encoder is its own
/// file (the module and its spec) plus one line here. Lookups accept the names older model folders recorded
/// (<see cref="TextEncoderSpec.ManifestAliases"/>) only when reading a manifest; everywhere else a name is the spec's
/// <see cref="TextEncoderSpec.Name"/>, and an unknown one is an error that lists the known names.
/// </summary>
public static class EncoderCatalog
{
    private static readonly Lock Gate = new();

    private static IReadOnlyList<TextEncoderSpec> text =
    [
        BagOfFeaturesSpec.Bow,
        BagOfFeaturesSpec.Bigram,
        BagOfFeaturesSpec.Trigram,
        BagOfFeaturesSpec.TrigramSkip,
        SequenceEncoderSpec.Sse,
        SentenceVectorMlpSpec.MiniLm,
        HybridTextSpec.MiniLmBigram,
        LateFusionTextSpec.MiniLmTrigramSkip,
        LateFusionTextSpec.MiniLmBow,
    ];

    private static IReadOnlyList<ImageEncoderSpec> image =
    [
        FeatureMlpSpec.ResNet18,
        ResNet18TuneSpec.ResNet18Tune,
        ConvNetSpec.ConvNet,
        ResNet18AttentionSpec.ResNet18Attention,
    ];

    /// <summary>The text encoders, built-in first, in the order they were added.</summary>
    public static IReadOnlyList<TextEncoderSpec> Text => Volatile.Read(ref text);

    /// <summary>The image encoders, built-in first, in the order they were added.</summary>
    public static IReadOnlyList<ImageEncoderSpec> Image => Volatile.Read(ref image);

    /// <summary>The text encoder called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="UnknownEncoderException">No text encoder has that name; the message lists the known ones.</exception>
    public static TextEncoderSpec FindText(string name) =>
        Text.FirstOrDefault(s => Matches(s.Name, name)) ?? throw Unknown("text", name, Text.Select(s => s.Name));

    /// <summary>The image encoder called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="UnknownEncoderException">No image encoder has that name; the message lists the known ones.</exception>
    public static ImageEncoderSpec FindImage(string name) =>
        Image.FirstOrDefault(s => Matches(s.Name, name)) ?? throw Unknown("image", name, Image.Select(s => s.Name));

    /// <summary>The text encoder a manifest names, by its name or by a name older manifests recorded.</summary>
    public static TextEncoderSpec FindTextInManifest(string name) =>
        Text.FirstOrDefault(s => Matches(s.Name, name) || s.ManifestAliases.Any(a => Matches(a, name))) ?? throw Unknown("text", name, Text.Select(s => s.Name));

    /// <summary>The image encoder a manifest names, by its name or by a name older manifests recorded.</summary>
    public static ImageEncoderSpec FindImageInManifest(string name) =>
        Image.FirstOrDefault(s => Matches(s.Name, name) || s.ManifestAliases.Any(a => Matches(a, name))) ?? throw Unknown("image", name, Image.Select(s => s.Name));

    /// <summary>
    /// Adds a text encoder defined outside itm (as timm's <c>register_model</c> does), so that it trains, saves, loads and
    /// exports like a built-in one. Adding the same spec again does nothing; another spec with a taken name is refused.
    /// </summary>
    public static void Add(TextEncoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (Gate)
        {
            Volatile.Write(ref text, With(Text, spec, s => s.Name));
        }
    }

    /// <summary>Adds an image encoder defined outside itm; see <see cref="Add(TextEncoderSpec)"/>.</summary>
    public static void Add(ImageEncoderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (Gate)
        {
            Volatile.Write(ref image, With(Image, spec, s => s.Name));
        }
    }

    /// <summary>The names as a help text lists them: <c>bow, ngram-2, ..., minilm</c>.</summary>
    public static string TextNames => string.Join(", ", Text.Select(s => s.Name));

    /// <summary>The image encoders' names: <c>resnet18, resnet18tune, convnet</c>.</summary>
    public static string ImageNames => string.Join(", ", Image.Select(s => s.Name));

    private static IReadOnlyList<T> With<T>(IReadOnlyList<T> specs, T spec, Func<T, string> name)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name(spec));
        if (specs.Contains(spec))
        {
            return specs;
        }

        return specs.Any(s => Matches(name(s), name(spec)))
            ? throw new ArgumentException($"An encoder named '{name(spec)}' is already in the catalog.", nameof(spec))
            : [.. specs, spec];
    }

    private static bool Matches(string known, string name) => string.Equals(known, name?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static UnknownEncoderException Unknown(string channel, string name, IEnumerable<string> known) =>
        new($"Unknown {channel} encoder '{name}'; the known {channel} encoders are {string.Join(", ", known)}.");
}
