using System.Text.Json;
using Itm.Model.Export;
using Itm.Search.Export;
using Spectre.Console;

namespace Itm.Cli.Rendering;

/// <summary>What <c>itm export</c> wrote, as a short summary or as JSON.</summary>
public static class ExportView
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(IAnsiConsole console, bool json, ExportJobReport report)
    {
        if (json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new
            {
                version = 1,
                folder = report.Folder,
                images = report.Embeddings?.Images,
                captions = report.Embeddings?.Captions,
                dimension = report.Embeddings?.Dimension ?? report.Onnx?.Dim,
                files = (report.Embeddings?.Files ?? [])
                    .Concat(report.Onnx is null ? [] : OnnxFiles(report.Onnx).Select(file => $"{ExportJob.OnnxFolder}/{file}"))
                    .ToList(),
                model = report.ModelDir,
            }, Json));
            return;
        }

        if (report.Embeddings is { } embeddings)
        {
            console.MarkupLine($"Wrote {embeddings.Images:N0} image and {embeddings.Captions:N0} caption vectors ({embeddings.Dimension}-d) to " +
                               $"[bold]{Markup.Escape(report.Folder)}[/]: {Markup.Escape(string.Join(", ", embeddings.Files))}.");
        }

        if (report.Onnx is { } onnx)
        {
            string folder = Path.Combine(report.Folder, ExportJob.OnnxFolder);
            console.MarkupLine($"Wrote the encoders of [bold]{Markup.Escape(report.ModelDir ?? string.Empty)}[/] as ONNX to [bold]{Markup.Escape(folder)}[/]: " +
                               $"text ({Markup.Escape(onnx.Text.Model)}) and image ({Markup.Escape(onnx.Image.Model)}); onnx.json says what each reads.");
        }
    }

    /// <summary>The graphs of an ONNX export: both encoders, and the int8 sentence encoder when the text encoder needs it.</summary>
    private static IEnumerable<string> OnnxFiles(OnnxExportResult onnx) =>
        new[] { onnx.Text.File, onnx.Image.File, onnx.Text.SentenceEncoder?.File }.OfType<string>();
}
