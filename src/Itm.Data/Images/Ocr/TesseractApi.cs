using System.Runtime.InteropServices;

namespace Itm.Data.Images.Ocr;

/// <summary>
/// The parts of Tesseract's C API (<c>tesseract/capi.h</c>) itm uses, bound from the library named in
/// <see cref="OcrOptions.Library"/> at run time rather than by <c>[LibraryImport]</c>: a machine without Tesseract
/// then fails with <see cref="OcrUnavailableException"/> when <c>--ocr</c> is asked for, and never otherwise.
/// </summary>
internal sealed unsafe class TesseractApi
{
    /// <summary><c>PageIteratorLevel</c>'s RIL_WORD.</summary>
    public const int WordLevel = 3;

    /// <summary>
    /// <c>PSM_AUTO</c>: Tesseract's own page layout analysis, without orientation detection. On the OCR benchmark's
    /// pictures (a word beside a shape, on coloured backgrounds) it read 254 of 269 words, where sparse text
    /// (<c>PSM_SPARSE_TEXT</c>, 11) read 70 of the first 80 and a single block (6) 69: sparse text loses words next to
    /// a dark shape.
    /// </summary>
    public const int AutomaticLayout = 3;

    private static readonly Dictionary<string, TesseractApi> Loaded = new(StringComparer.Ordinal);

    private TesseractApi(nint library)
    {
        nint Export(string name) => NativeLibrary.GetExport(library, name);
        Create = (delegate* unmanaged<nint>)Export("TessBaseAPICreate");
        Init3 = (delegate* unmanaged<nint, byte*, byte*, int>)Export("TessBaseAPIInit3");
        SetPageSegMode = (delegate* unmanaged<nint, int, void>)Export("TessBaseAPISetPageSegMode");
        SetVariable = (delegate* unmanaged<nint, byte*, byte*, int>)Export("TessBaseAPISetVariable");
        SetImage = (delegate* unmanaged<nint, byte*, int, int, int, int, void>)Export("TessBaseAPISetImage");
        SetSourceResolution = (delegate* unmanaged<nint, int, void>)Export("TessBaseAPISetSourceResolution");
        Recognize = (delegate* unmanaged<nint, nint, int>)Export("TessBaseAPIRecognize");
        GetIterator = (delegate* unmanaged<nint, nint>)Export("TessBaseAPIGetIterator");
        IteratorText = (delegate* unmanaged<nint, int, byte*>)Export("TessResultIteratorGetUTF8Text");
        IteratorConfidence = (delegate* unmanaged<nint, int, float>)Export("TessResultIteratorConfidence");
        IteratorNext = (delegate* unmanaged<nint, int, int>)Export("TessResultIteratorNext");
        IteratorDelete = (delegate* unmanaged<nint, void>)Export("TessResultIteratorDelete");
        DeleteText = (delegate* unmanaged<byte*, void>)Export("TessDeleteText");
        Clear = (delegate* unmanaged<nint, void>)Export("TessBaseAPIClear");
        End = (delegate* unmanaged<nint, void>)Export("TessBaseAPIEnd");
        Delete = (delegate* unmanaged<nint, void>)Export("TessBaseAPIDelete");
    }

    public delegate* unmanaged<nint> Create { get; }
    public delegate* unmanaged<nint, byte*, byte*, int> Init3 { get; }
    public delegate* unmanaged<nint, int, void> SetPageSegMode { get; }
    public delegate* unmanaged<nint, byte*, byte*, int> SetVariable { get; }
    public delegate* unmanaged<nint, byte*, int, int, int, int, void> SetImage { get; }
    public delegate* unmanaged<nint, int, void> SetSourceResolution { get; }
    public delegate* unmanaged<nint, nint, int> Recognize { get; }
    public delegate* unmanaged<nint, nint> GetIterator { get; }
    public delegate* unmanaged<nint, int, byte*> IteratorText { get; }
    public delegate* unmanaged<nint, int, float> IteratorConfidence { get; }
    public delegate* unmanaged<nint, int, int> IteratorNext { get; }
    public delegate* unmanaged<nint, void> IteratorDelete { get; }
    public delegate* unmanaged<byte*, void> DeleteText { get; }
    public delegate* unmanaged<nint, void> Clear { get; }
    public delegate* unmanaged<nint, void> End { get; }
    public delegate* unmanaged<nint, void> Delete { get; }

    /// <summary>The API of <paramref name="library"/>, loaded once per process (a library is never unloaded).</summary>
    public static TesseractApi Load(string library)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(library, out var api))
            {
                return api;
            }

            if (!NativeLibrary.TryLoad(library, out var handle))
            {
                throw new OcrUnavailableException($"{library} could not be loaded");
            }

            try
            {
                api = new TesseractApi(handle);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new OcrUnavailableException($"{library} lacks Tesseract's C API: {e.Message}", e);
            }

            Loaded[library] = api;
            return api;
        }
    }
}
