using System.Text.Json.Nodes;
using Itm.Model.Catalog;

namespace Itm.Model.Persistence;

/// <summary>
/// Reads model.json files written by earlier formats as the current one, one step per version:
/// <list type="bullet">
/// <item>1 → 2: before the encoder catalog, the text encoder was named by a model kind plus an n-gram scheme
/// (<c>"model": "ngram", "nGrams": "trigram-skip"</c>) and the image encoder by a kebab-cased kind (<c>"res-net18"</c>).
/// The kind and scheme become one old name (<c>ngram/trigram-skip</c>), which each encoder's spec lists among its
/// <see cref="Catalog.TextEncoderSpec.ManifestAliases"/>.</item>
/// <item>2 → 3: a folder written before a channel had a precision, or while float32 was its only value, says nothing
/// of it; it was computed in float32, and must keep reading so whatever the defaults of new models become.</item>
/// <item>3 → 4: a folder written before the image channel had a fit put every picture on its square input by the
/// centre crop (<c>"fit": "crop-center"</c>), whatever the default of new models is.</item>
/// </list>
/// </summary>
internal static class ManifestUpgrade
{
    /// <summary>The first format version whose encoders are catalog names.</summary>
    public const int CatalogNamesVersion = 2;

    /// <summary>The first format version that writes both channels' pretrained precision.</summary>
    public const int ExplicitPrecisionVersion = 3;

    /// <summary>The first format version that writes the image channel's fit.</summary>
    public const int ExplicitFitVersion = 4;

    /// <summary>Rewrites an older manifest in place to the current format; the current format is returned as it is.</summary>
    public static JsonNode Upgrade(JsonNode manifest)
    {
        if (manifest["formatVersion"]?.GetValue<int>() is 1 && manifest["joint"]?["text"] is JsonObject text)
        {
            NameEncodersByCatalog(text);
            manifest["formatVersion"] = CatalogNamesVersion;
        }

        if (manifest["formatVersion"]?.GetValue<int>() is CatalogNamesVersion && manifest["joint"] is JsonObject joint)
        {
            foreach (string channel in new[] { "text", "image" })
            {
                if (joint[channel] is JsonObject options && !options.ContainsKey("precision"))
                {
                    options["precision"] = "float32";
                }
            }

            manifest["formatVersion"] = ExplicitPrecisionVersion;
        }

        if (manifest["formatVersion"]?.GetValue<int>() is ExplicitPrecisionVersion && manifest["joint"] is JsonObject fitted)
        {
            if (fitted["image"] is JsonObject image && !image.ContainsKey("fit"))
            {
                image["fit"] = "crop-center";
            }

            manifest["formatVersion"] = ExplicitFitVersion;
        }

        return manifest;
    }

    private static void NameEncodersByCatalog(JsonObject text)
    {
        // Every version-1 record wrote an n-gram scheme, which chose the variant only of the kinds whose specs list
        // "kind/scheme" aliases; the others are named by their kind alone.
        string? model = text["model"]?.GetValue<string>();
        string? scheme = text["nGrams"]?.GetValue<string>();
        string variant = $"{model}/{scheme}";
        if (EncoderCatalog.Text.Any(spec => spec.ManifestAliases.Contains(variant)))
        {
            text["model"] = variant;
        }

        // Derived values the old records also wrote; the current records compute nothing of the kind.
        foreach (string derived in new[] { "nGrams", "bagScheme", "displayName" })
        {
            text.Remove(derived);
        }
    }
}
