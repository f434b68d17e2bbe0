using System.Text.Json;

namespace Itm.Data.Readers;

/// <summary>Receives the parts of a top-level JSON object from <see cref="JsonObjectStreamer"/>. Return false from a callback to stop early.</summary>
internal interface IJsonObjectVisitor
{
    /// <summary>True when the array under <paramref name="propertyName"/> should arrive one element at a time.</summary>
    bool StreamsArray(string propertyName);

    /// <summary>A whole property value (every property not streamed, including non-array values of streamed names).</summary>
    bool OnValue(string propertyName, JsonElement value);

    /// <summary>One element of a streamed array; the element is only valid during the call.</summary>
    bool OnElement(string propertyName, int index, JsonElement element);
}
