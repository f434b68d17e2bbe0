using Microsoft.Extensions.FileProviders;

namespace Itm.Server;

/// <summary>
/// The web page: plain HTML, CSS and JavaScript under <c>wwwroot/</c>, embedded in this assembly so <c>itm serve</c>
/// needs no files beside it and nothing on disk is ever served by URL.
/// </summary>
internal static class PageFiles
{
    public static IFileProvider Provider { get; } = new EmbeddedFileProvider(typeof(PageFiles).Assembly, "Itm.Server.wwwroot");
}
