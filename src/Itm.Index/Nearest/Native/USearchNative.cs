using System.Runtime.InteropServices;

namespace Itm.Index.Nearest.Native;

/// <summary>
/// The parts of USearch's C API (<c>usearch.h</c>, shipped as <c>libusearch_c</c> in the Cloud.Unum.USearch package)
/// that its C# wrapper leaves out: reserving capacity once, thread counts, and search without per-call copies.
/// </summary>
internal static unsafe partial class USearchNative
{
    private const string Library = "libusearch_c";

    internal enum MetricKind : uint
    {
        InnerProduct = 2,

        /// <summary>Bits that differ: the metric of a <see cref="ScalarKind.B1"/> copy.</summary>
        Hamming = 8,
    }

    internal enum ScalarKind : uint
    {
        Unknown = 0,
        Float32 = 1,
        Float16 = 3,
        Int8 = 4,

        /// <summary>One bit a dimension, packed 8 to a byte (USearch's b1x8); a float cast to it keeps its sign (&gt; 0).</summary>
        B1 = 5,
    }

    /// <summary><c>usearch_init_options_t</c>, field for field.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct InitOptions
    {
        public MetricKind Metric;
        public nint CustomMetric;
        public ScalarKind Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    internal static partial nint Init(ref InitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    internal static partial void Free(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_save", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Save(nint index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_load", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Load(nint index, string path, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_view", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void View(nint index, string path, out nint error);

    /// <summary>Reads the options a saved index was built with (metric, scalar kind, dimensions) from its file header.</summary>
    [LibraryImport(Library, EntryPoint = "usearch_metadata", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void Metadata(string path, ref InitOptions options, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    internal static partial nuint Size(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_dimensions")]
    internal static partial nuint Dimensions(nint index, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    internal static partial void Reserve(nint index, nuint capacity, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    internal static partial void ChangeThreadsAdd(nint index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    internal static partial void ChangeThreadsSearch(nint index, nuint threads, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    internal static partial void ChangeExpansionSearch(nint index, nuint expansion, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    internal static partial void Add(nint index, ulong key, void* vector, ScalarKind kind, out nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    internal static partial nuint Search(nint index, void* query, ScalarKind kind, nuint count, ulong* keys, float* distances, out nint error);

    /// <summary>Throws when a call reported an error (a static message that needs no freeing).</summary>
    internal static void Check(nint error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"USearch {what} failed: {Marshal.PtrToStringUTF8(error)}");
        }
    }
}
