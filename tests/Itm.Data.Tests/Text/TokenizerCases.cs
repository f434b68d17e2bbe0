using Itm.Data.Text;

namespace Itm.Data.Tests.Text;

public sealed class TokenizerCases
{
    [Theory]
    [InlineData("A dog, running!", "a|dog|running")]
    [InlineData("Hello   WORLD...", "hello|world")]
    [InlineData("don't stop", "don't|stop")]
    [InlineData("don’t stop", "don't|stop")]                   // typographic apostrophe = ASCII one
    [InlineData("the dogs' ball", "the|dogs|ball")]            // trailing apostrophe is punctuation
    [InlineData("a t-shirt and a well- known -dash", "a|t-shirt|and|a|well|known|dash")]
    [InlineData("3 men, 2.5 km", "3|men|2|5|km")]
    [InlineData("Café CRÈME", "café|crème")]
    [InlineData("Cafe\u0301", "café")]                          // decomposed accent composes under NFKC
    [InlineData("ＦＵＬＬ width ﬁne", "full|width|fine")]        // full-width letters and the fi ligature
    [InlineData("一只猫", "一|只|猫")]                              // CJK: one token per character
    [InlineData("ねこがいる", "ね|こ|が|い|る")]
    [InlineData("a cat 🐱 sleeps 👍🏽 ❤️", "a|cat|sleeps")]         // emoji, skin tones, variation selectors dropped
    [InlineData("keycap 1️⃣ one", "keycap|1|one")]
    [InlineData("a red 猫 on Straße", "a|red|猫|on|straße")]       // mixed scripts
    [InlineData("кошка сидит", "кошка|сидит")]
    [InlineData("ที่นี่", "ที่|นี่")]                                 // Thai vowel and tone marks stay on their consonant
    [InlineData("ねこ・いぬ ๏ ฿", "ね|こ|い|ぬ")]                      // punctuation inside the script blocks is dropped
    [InlineData("<s> and </s>", "s|and|s")]                    // markers cannot be forged from text
    [InlineData("", "")]
    [InlineData("  ?! …  ", "")]
    public void Tokenizes(string text, string expected)
    {
        IReadOnlyList<string> tokens = Tokenizer.Tokenize(text);

        Assert.Equal(expected, string.Join('|', tokens));
    }

    [Fact]
    public void Tokens_never_contain_spaces_or_empty_strings()
    {
        string text = "Mixed: ½ 𝔸𝕓𝕔 x\u00A0y\u2003z tab\there ・ ๏ ";

        Assert.All(Tokenizer.Tokenize(text), token =>
        {
            Assert.NotEqual("", token);
            Assert.DoesNotContain(token, char.IsWhiteSpace);
        });
    }
}
