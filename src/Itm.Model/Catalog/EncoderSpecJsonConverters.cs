using System.Text.Json;
using System.Text.Json.Serialization;

namespace Itm.Model.Catalog;

/// <summary>A text encoder in JSON is its name; reading also takes the names older model folders recorded.</summary>
public sealed class TextEncoderSpecJsonConverter : JsonConverter<TextEncoderSpec>
{
    public override TextEncoderSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        EncoderCatalog.FindTextInManifest(reader.GetString() ?? throw new JsonException("A text encoder's name is null."));

    public override void Write(Utf8JsonWriter writer, TextEncoderSpec value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}

/// <summary>An image encoder in JSON is its name; reading also takes the names older model folders recorded.</summary>
public sealed class ImageEncoderSpecJsonConverter : JsonConverter<ImageEncoderSpec>
{
    public override ImageEncoderSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        EncoderCatalog.FindImageInManifest(reader.GetString() ?? throw new JsonException("An image encoder's name is null."));

    public override void Write(Utf8JsonWriter writer, ImageEncoderSpec value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
