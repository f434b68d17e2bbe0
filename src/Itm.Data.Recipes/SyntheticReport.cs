namespace Itm.Data.Recipes;

/// <summary>What <see cref="SyntheticRecipe"/> produced, as written to <c>recipe-report.json</c>.</summary>
/// <param name="ScenesByObjectCount">Number of scenes with 1, 2 and 3 objects (keys "1", "2", "3").</param>
/// <param name="TwinsByKind">How many scenes are twins, by what their twin swapped.</param>
/// <param name="ScenesWithTwin">Scenes that are a twin or have one: the share of data only word order can resolve.</param>
public sealed record SyntheticReport(
    int Images,
    int Sentences,
    int Train,
    int Val,
    int Test,
    IReadOnlyDictionary<string, int> ScenesByObjectCount,
    IReadOnlyDictionary<TwinKind, int> TwinsByKind,
    int ScenesWithTwin,
    int DistinctSentences,
    int VocabularySize);
