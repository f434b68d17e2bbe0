using Itm.Index.Catalog;
using Itm.Index.Indexing;
using Itm.Index.Storage;

namespace Itm.Index.Garnet;

/// <summary>
/// The Garnet backend behind Itm.Index's <see cref="IIndexMirror"/> seam: binds an index folder to Garnet nodes, keeps
/// their copy of its vectors up to date (<see cref="GarnetMirror"/>) and answers queries from it
/// (<see cref="GarnetVectorIndex"/>). The binding is the catalog's <c>garnet.*</c> meta entries (<see cref="GarnetBinding"/>).
/// Connects only when a folder is bound, bound again or searched.
/// </summary>
public sealed class GarnetIndexMirror : IIndexMirror
{
    private readonly GarnetQueryConnections queries;

    /// <param name="options">
    /// The nodes (empty: the ones a bound folder recorded), the key layout, DiskANN parameters and timeouts.
    /// </param>
    public GarnetIndexMirror(GarnetOptions? options = null)
    {
        Options = options ?? new GarnetOptions();
        Options.Validate();
        queries = new GarnetQueryConnections(Options);
    }

    public GarnetOptions Options { get; }

    public IndexBackend Backend => IndexBackend.Garnet;

    public bool IsBound(IndexCatalog catalog) => GarnetBinding.Read(catalog) is not null;

    public IMirrorWriter Bind(IndexFolder folder)
    {
        var endpoints = EndpointsFor(GarnetBinding.Read(folder.Catalog));
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("--backend garnet needs the nodes to use: pass --garnet HOST:PORT[,HOST:PORT...].");
        }

        var store = GarnetStore.Connect(endpoints, Options);
        try
        {
            return new GarnetMirrorWriter(folder, store, GarnetMirror.Bind(folder, store, Options));
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Unbind(IndexFolder folder, IProgress<IndexEvent>? progress)
    {
        var binding = GarnetBinding.Read(folder.Catalog);
        if (binding is null)
        {
            return;
        }

        GarnetStore? store = null;
        try
        {
            store = GarnetStore.Connect(EndpointsFor(binding), Options);
        }
        catch (IndexFolderException e) when (e.Problem == IndexProblem.BackendUnavailable)
        {
            progress?.Report(new IndexNotice($"The index is searched in its own folder again; its Garnet keys could not be deleted: {e.Message}"));
        }

        using (store)
        {
            GarnetMirror.Unbind(folder, store);
        }

        progress?.Report(new IndexNotice("The index is no longer bound to Garnet: its own folder answers queries again."));
    }

    public IMirrorReader? OpenReader(string folder, IndexCatalog catalog, IndexIdentity identity) =>
        GarnetBinding.Read(catalog) is { } binding ? new GarnetMirrorReader(binding, queries.Join(EndpointsFor(binding))) : null;

    /// <summary>The nodes given in the options, else the ones the folder recorded.</summary>
    private IReadOnlyList<string> EndpointsFor(GarnetBinding? binding) =>
        Options.Endpoints.Count > 0 ? Options.Endpoints : binding?.Endpoints ?? [];
}
