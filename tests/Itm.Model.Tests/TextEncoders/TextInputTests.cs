using Itm.Model.TextEncoders;

namespace Itm.Model.Tests.TextEncoders;

/// <summary>A sentence as a text model reads it: ids or a vector, never mistaken for the other, with a content key.</summary>
public sealed class TextInputTests
{
    [Fact]
    public void Ids_and_vectors_are_only_read_as_what_they_are()
    {
        var ids = TextInput.FromIds([3, 1, 4]);
        var vector = TextInput.FromVector([0.5f, -0.25f]);

        Assert.Equal([3, 1, 4], ids.Ids);
        Assert.Equal([0.5f, -0.25f], vector.Vector);
        Assert.Throws<InvalidOperationException>(() => ids.Vector);
        Assert.Throws<InvalidOperationException>(() => vector.Ids);
    }

    [Fact]
    public void The_text_form_is_a_content_key_as_joined_ids_were()
    {
        Assert.Equal("3,1,4", TextInput.FromIds([3, 1, 4]).ToString());
        Assert.Equal(TextInput.FromVector([0.1f, 2f]).ToString(), TextInput.FromVector([0.1f, 2f]).ToString());
        Assert.NotEqual(TextInput.FromVector([0.1f, 2f]).ToString(), TextInput.FromVector([0.1f, 2.0000002f]).ToString());
    }
}
