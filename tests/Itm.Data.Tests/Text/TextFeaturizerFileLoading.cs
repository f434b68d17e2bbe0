using Itm.Data.Text;
using Itm.Data.Tests.Fixtures.Readers;

namespace Itm.Data.Tests.Text;

public sealed class TextFeaturizerFileLoading : IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("""{"kind":"bagpipes","version":1}""", "\"bagpipes\"")]
    [InlineData("""{"version":1}""", "no \"kind\"")]
    [InlineData("""{"kind":"ngram","version":2,"hash":"x","scheme":"Bigram","features":[]}""", "version 2")]
    [InlineData("""{"kind":"ngram","version":1,"hash":"x","scheme":"Pentagram","features":[]}""", "Pentagram")]
    [InlineData("""{"kind":"sequence","version":1,"hash":"x","maxLength":32,"tokens":["a","b"]}""", "must start with")]
    [InlineData("""{"kind":"ngram","version":1,"hash":"x","scheme":"Bigram","features":["a","a"]}""", "appears twice")]
    [InlineData("{\"kind\":", "not valid JSON")]
    public void A_bad_file_is_an_error_naming_it(string content, string expected)
    {
        string path = _folder.WriteText("features.json", content);

        var error = Assert.Throws<InvalidDataException>(() => TextFeaturizerFile.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vocabulary_file_is_not_a_featurizer()
    {
        string path = _folder.PathOf("vocab.json");
        Vocabulary.Build([["a"]]).Save(path);

        Assert.Throws<InvalidDataException>(() => TextFeaturizerFile.Load(path));
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        string path = _folder.PathOf("none.json");

        Assert.Contains(path, Assert.Throws<InvalidDataException>(() => TextFeaturizerFile.Load(path)).Message, StringComparison.Ordinal);
    }
}
