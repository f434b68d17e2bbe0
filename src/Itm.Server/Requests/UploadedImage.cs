using System.Globalization;
using Itm.Data.Images;
using Itm.Server.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Itm.Server.Requests;

/// <summary>
/// An image uploaded as multipart/form-data (field <c>image</c>), checked by size and then by decoding it, and kept in
/// a temporary file for the query service (which embeds files) until disposed. The client's file name is only shown
/// in messages and results: it never reaches the file system.
/// </summary>
internal sealed class UploadedImage : IDisposable
{
    public const string Field = "image";

    private UploadedImage(string path, string name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The temporary file holding the upload.</summary>
    public string Path { get; }

    /// <summary>The file name the client gave, without any folder part.</summary>
    public string Name { get; }

    public static async Task<UploadedImage> ReadAsync(HttpRequest request, ServerLimits limits, CancellationToken cancellation)
    {
        if (request.ContentLength > limits.MaxRequestBytes)
        {
            throw TooLarge(request.ContentLength.Value, limits);
        }

        if (!request.HasFormContentType)
        {
            throw new ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Upload expected",
                $"Send the image as multipart/form-data, in a file field named '{Field}'.", Field);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxRequestBytes }, cancellation);
        }
        catch (InvalidDataException e)
        {
            // The form reader's only word for a body over the limit is this exception type, with its own message.
            throw e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? TooLarge(null, limits)
                : new ApiProblem(StatusCodes.Status400BadRequest, "Invalid upload", $"The multipart body can't be read: {e.Message}", Field);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // The form reader's word for a body that ends inside a part (no closing boundary) is a bare IOException whose
            // message blames "another component"; it is the client's malformed body. (Kestrel's own refusals, such as
            // a body over its size limit, are BadHttpRequestException and keep their status.)
            throw new ApiProblem(StatusCodes.Status400BadRequest, "Invalid upload",
                "The multipart body ends before its closing boundary: the upload is cut short or malformed.", Field);
        }

        var file = form.Files.GetFile(Field) ?? (form.Files.Count == 1 ? form.Files[0] : null)
            ?? throw new ApiProblem(StatusCodes.Status400BadRequest, "Invalid upload", $"The form has no file in a field named '{Field}'.", Field);
        string name = System.IO.Path.GetFileName(file.FileName) is { Length: > 0 } given ? given : "upload";
        if (file.Length > limits.MaxUploadBytes)
        {
            throw TooLarge(file.Length, limits);
        }

        byte[] bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellation);
        }

        CheckDecodes(bytes, name, limits);
        string path = System.IO.Path.Combine(Folder(), $"{Guid.NewGuid():N}{SafeExtension(name)}");
        await File.WriteAllBytesAsync(path, bytes, cancellation);
        return new UploadedImage(path, name);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // The temporary folder is cleaned by the system; a leftover upload is harmless.
        }
    }

    /// <summary>The type is judged by decoding, never by the name or the declared content type.</summary>
    private static void CheckDecodes(byte[] bytes, string name, ServerLimits limits)
    {
        try
        {
            // A small target: only whether it decodes matters here (JPEGs are then decoded at a fraction of their size).
            new ImageLoader(new ImageLoadOptions { TargetSize = 32, MaxBytes = limits.MaxUploadBytes }).Load(bytes, name);
        }
        catch (ImageLoadException e)
        {
            throw e.Failure switch
            {
                ImageLoadFailure.NotAnImage => new ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Not an image",
                    $"'{name}' is not an image itm can read: {e.Reason}. Send a JPEG, PNG, WebP, GIF, BMP or SVG file.", Field),
                ImageLoadFailure.TooLarge => new ApiProblem(StatusCodes.Status413PayloadTooLarge, "Upload too large", $"'{name}': {e.Reason}.", Field),
                _ => new ApiProblem(StatusCodes.Status400BadRequest, "Image can't be read", $"'{name}' can't be decoded: {e.Reason}.", Field),
            };
        }
    }

    private static ApiProblem TooLarge(long? bytes, ServerLimits limits) => new(
        StatusCodes.Status413PayloadTooLarge,
        "Upload too large",
        string.Create(CultureInfo.InvariantCulture,
            $"{(bytes is null ? "The upload is" : $"The upload is {bytes:N0} bytes,")} over the limit of {limits.MaxUploadBytes:N0} bytes. Send a smaller image."),
        Field);

    // Kept only so the decoder can tell an .svg that lacks an XML prolog; anything else gets a neutral one.
    private static string SafeExtension(string name) => ImageFileTypes.IsImage(name) ? System.IO.Path.GetExtension(name).ToLowerInvariant() : ".upload";

    private static string Folder() => Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "itm-uploads")).FullName;
}
