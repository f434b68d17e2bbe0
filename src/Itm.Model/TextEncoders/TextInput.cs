using System.Globalization;

namespace Itm.Model.TextEncoders;

/// <summary>
/// One sentence as a text channel reads it: featurized ids (bow, n-grams and SSE read what an
/// <see cref="Itm.Data.Text.ITextFeaturizer"/> makes), a frozen pretrained sentence vector (MiniLM, computed once
/// outside training), or both (the hybrid channel). One type for both lets the trainer, the embedder and the model folder pass sentences along
/// without knowing which text model they feed; each encoder takes the form it was built for.
/// </summary>
public sealed class TextInput
{
    private readonly int[]? ids;
    private readonly float[]? vector;

    private TextInput(int[]? ids, float[]? vector)
    {
        this.ids = ids;
        this.vector = vector;
    }

    /// <summary>Feature or token ids, as a featurizer returns them (never empty).</summary>
    public int[] Ids => ids ?? throw new InvalidOperationException(
        "This text model reads featurized ids, but the sentence was given as a pretrained sentence vector.");

    /// <summary>A pretrained sentence vector; shared with the cache and other inputs of the same sentence, so never written to.</summary>
    public float[] Vector => vector ?? throw new InvalidOperationException(
        "This text model reads pretrained sentence vectors, but the sentence was given as featurized ids.");

    public static TextInput FromIds(int[] ids) => new(ids ?? throw new ArgumentNullException(nameof(ids)), null);

    public static TextInput FromVector(float[] vector) => new(null, vector ?? throw new ArgumentNullException(nameof(vector)));

    /// <summary>Both forms of one sentence, for a text channel that reads its ids and its pretrained vector.</summary>
    public static TextInput FromBoth(int[] ids, float[] vector) =>
        new(ids ?? throw new ArgumentNullException(nameof(ids)), vector ?? throw new ArgumentNullException(nameof(vector)));

    /// <summary>
    /// The content as text, usable as a key (equal inputs give equal strings): the ids joined by commas, as
    /// <c>string.Join(',', ids)</c> wrote them when sentences were plain <c>int[]</c>, or the vector's components, or
    /// both separated by a semicolon.
    /// </summary>
    public override string ToString() => (ids, vector) switch
    {
        (not null, null) => string.Join(',', ids),
        (null, not null) => Components(vector),
        _ => $"{string.Join(',', ids!)};{Components(vector!)}",
    };

    private static string Components(float[] vector) => string.Join(',', vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
}
