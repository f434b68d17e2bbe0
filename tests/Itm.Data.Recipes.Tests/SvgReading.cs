using System.Text;
using System.Xml;

namespace Itm.Data.Recipes.Tests;

public sealed class SvgReading
{
    [Fact]
    public void Metadata_reader_separates_the_work_from_its_agents()
    {
        string svg = SvgFixtures.Svg("Red Apple", "A shiny red apple.", ["apple", "fruit"], creator: "Jane Doe");

        SvgMetadata metadata = new SvgMetadataReader().Read(Encoding.UTF8.GetBytes(svg));

        Assert.Equal(["Red Apple"], metadata.Titles);
        Assert.Equal(["A shiny red apple."], metadata.Descriptions);
        Assert.Equal(["apple", "fruit"], metadata.Keywords);
        Assert.Equal(["Jane Doe", "Open Clip Art Library"], metadata.Agents);
    }

    [Fact]
    public void Metadata_reader_takes_the_root_title_and_desc_and_plain_text_subjects()
    {
        const string svg = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <title>Lighthouse</title><desc>A tall lighthouse</desc>
              <metadata><dc:subject>sea, tower; light</dc:subject></metadata>
              <g><title>Layer 1</title></g>
            </svg>
            """;

        SvgMetadata metadata = new SvgMetadataReader().Read(Encoding.UTF8.GetBytes(svg));

        Assert.Equal(["Lighthouse"], metadata.Titles);
        Assert.Equal(["A tall lighthouse"], metadata.Descriptions);
        Assert.Equal(["sea", "tower", "light"], metadata.Keywords);
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        // An undeclared entity (the DTD is ignored) makes the file unparsable instead of leaking a local file.
        Assert.Throws<XmlException>(() => new SvgMetadataReader().Read(Encoding.UTF8.GetBytes(SvgFixtures.ExternalEntity)));
    }

    [Fact]
    public void Malformed_xml_throws_xml_exception()
    {
        Assert.Throws<XmlException>(() => new SvgMetadataReader().Read(Encoding.UTF8.GetBytes(SvgFixtures.Broken)));
        Assert.Throws<XmlException>(() => SvgFingerprint.Compute(Encoding.UTF8.GetBytes(SvgFixtures.Broken)));
    }

    [Fact]
    public void Fingerprint_ignores_whitespace_metadata_and_editor_state()
    {
        string a = SvgFixtures.Svg("Star", body: """<path d="M 0 0   L 5 5" fill="red"/>""");
        string b = SvgFixtures.Svg("Gold star", "another title", ["star"], "Someone",
            body: """
                <sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#ffffff"/>
                <path fill="red"
                      d="M 0 0 L 5 5" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="star"/>
                """);

        Assert.Equal(SvgFingerprint.Compute(Encoding.UTF8.GetBytes(a)), SvgFingerprint.Compute(Encoding.UTF8.GetBytes(b)));
    }

    [Fact]
    public void Fingerprint_tells_different_drawings_apart()
    {
        string a = SvgFixtures.Svg("Star", body: """<path d="M 0 0 L 5 5" fill="red"/>""");
        string b = SvgFixtures.Svg("Star", body: """<path d="M 0 0 L 5 5" fill="blue"/>""");

        Assert.NotEqual(SvgFingerprint.Compute(Encoding.UTF8.GetBytes(a)), SvgFingerprint.Compute(Encoding.UTF8.GetBytes(b)));
    }
}
