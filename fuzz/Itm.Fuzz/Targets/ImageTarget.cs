using Itm.Data.Images;

namespace Itm.Fuzz.Targets;

/// <summary>
/// itm's image loader on raw bytes: the header checks that tell PNG, JPEG, WebP, GIF, BMP (and SVG) apart, then the
/// decode, resize and crop every indexed image goes through.
/// </summary>
public sealed class ImageTarget : FuzzTarget
{
    private ImageLoader? loader;

    public override string Name => "image";

    public override string Description => "ImageLoader.Load(bytes) with the default options; handled: ImageLoadException (names the file and the failure)";

    protected override void Feed(byte[] input, Scratch scratch) => (loader ??= new ImageLoader()).Load(input, "fuzz-input");

    protected override bool IsHandled(Exception e) => e is ImageLoadException;
}
