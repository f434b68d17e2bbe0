using Itm.Fuzz.Targets;

namespace Itm.Fuzz;

/// <summary>Every fuzz target, by name: the command line, the run script and the replay tests all read this list.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new QueryTarget(),
        new KarpathyTarget(),
        new CocoTarget(),
        new Flickr8kTarget(),
        new CaptionsJsonlTarget(),
        new CaptionCorpusTarget(),
        new ImageTarget(),
        new SvgTarget(),
        new UploadTarget(),
        new ModelJsonTarget(),
        new CalibrationJsonTarget(),
        new CatalogTarget(),
    ];

    public static IEnumerable<string> Names => All.Select(target => target.Name);

    /// <summary>The target called <paramref name="name"/>, or null when there is none.</summary>
    public static FuzzTarget? Find(string name) => All.FirstOrDefault(target => target.Name == name);
}
