using Itm.Data.Images;

namespace Itm.Fuzz.Targets;

/// <summary>
/// The SVG loader (Svg.Skia) as itm reaches it: through the image loader with an <c>.svg</c> name, so a document
/// without an XML prolog is still taken for SVG. The image target covers the raster formats.
/// </summary>
public sealed class SvgTarget : FuzzTarget
{
    private ImageLoader? loader;

    public override string Name => "svg";

    public override string Description => "ImageLoader.Load(bytes, \"fuzz-input.svg\"), the SVG render; handled: ImageLoadException (names the file and the failure)";

    protected override void Feed(byte[] input, Scratch scratch) => (loader ??= new ImageLoader()).Load(input, "fuzz-input.svg");

    protected override bool IsHandled(Exception e) => e is ImageLoadException;
}
