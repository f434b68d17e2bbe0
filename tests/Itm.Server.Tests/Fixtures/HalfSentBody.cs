using System.Net;
using System.Net.Http.Headers;

namespace Itm.Server.Tests.Fixtures;

/// <summary>A request body sent in two halves, the second only when the test says so: a request held in flight.</summary>
public sealed class HalfSentBody : HttpContent
{
    private readonly byte[] bytes;

    public HalfSentBody(byte[] bytes, MediaTypeHeaderValue contentType)
    {
        this.bytes = bytes;
        Headers.ContentType = contentType;
    }

    public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SendTheRest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        int half = bytes.Length / 2;
        await stream.WriteAsync(bytes.AsMemory(0, half));
        await stream.FlushAsync();
        HalfSent.SetResult();
        await SendTheRest.Task;
        await stream.WriteAsync(bytes.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}
