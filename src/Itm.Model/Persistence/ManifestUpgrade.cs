using System.Text.Json.Nodes;
using Itm.Model.Catalog;

namespace Itm.Model.Persistence;

/// <summary>
/// Reads model.json files written before the encoder catalog (format version 1) as the current format: they named the
/// text encoder by a model kind plus an n-gram scheme (<c>"model": "ngram", "nGrams": "trigram-skip"</c>) and the image
/// encoder by a kebab-cased kind (<c>"res-net18"</c>). The kind and scheme become one old name (<c>ngram/trigram-skip</c>),
/// which each encoder's spec lists among its <see cref="Catalog.TextEncoderSpec.ManifestAliases"/>.
/// </summary>
internal static class ManifestUpgrade
{
    /// <summary>The first format version whose encoders are catalog names.</summary>
    public const int CatalogNamesVersion = 2;

    /// <summary>Rewrites a version-1 manifest's <c>joint.text</c> in place; later versions are returned as they are.</summary>
    public static JsonNode Upgrade(JsonNode manifest)
    {
        if (manifest["formatVersion"]?.GetValue<int>() is not 1 || manifest["joint"]?["text"] is not JsonObject text)
        {
            return manifest;
        }

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

        manifest["formatVersion"] = CatalogNamesVersion;
        return manifest;
    }
}
