using System.Text;
using Itm.Server;
using Itm.Server.Problems;
using Itm.Server.Requests;
using Microsoft.AspNetCore.Http;

namespace Itm.Fuzz.Targets;

/// <summary>
/// The server's upload path without a server: the request's first line is its Content-Type header (the multipart
/// boundary comes from it), the rest its body, read by <see cref="UploadedImage"/> as the upload routes read it
/// (form parsing, the size limits, the decode check).
/// </summary>
public sealed class UploadTarget : FuzzTarget
{
    private ServerLimits? limits;

    public override string Name => "upload";

    public override string Description =>
        "UploadedImage.ReadAsync on an in-process request (first line: Content-Type, rest: body); handled: ApiProblem (a 400, 413 or 415 naming the field)";

    protected override void Feed(byte[] input, Scratch scratch)
    {
        int newline = Array.IndexOf(input, (byte)'\n');
        string contentType = newline < 0 ? string.Empty : Encoding.UTF8.GetString(input, 0, newline).TrimEnd('\r');
        byte[] body = newline < 0 ? input : input[(newline + 1)..];
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        using var upload = UploadedImage.ReadAsync(context.Request, limits ??= new ServerLimits(), CancellationToken.None).GetAwaiter().GetResult();
    }

    protected override bool IsHandled(Exception e) => e is ApiProblem;
}
