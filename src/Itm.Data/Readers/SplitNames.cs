namespace Itm.Data.Readers;

/// <summary>How splits are spelled in dataset files (lower-case; Karpathy's <c>restval</c> reads as train).</summary>
internal static class SplitNames
{
    public static Split Parse(string text) => text.ToLowerInvariant() switch
    {
        "train" or "restval" => Split.Train, // restval: the extra COCO val images Karpathy moved into training
        "val" => Split.Val,
        "test" => Split.Test,
        _ => throw new JsonFieldException($"split \"{text}\" is not one of train, val, test, restval"),
    };

    public static string Format(Split split) => split switch
    {
        Split.Train => "train",
        Split.Val => "val",
        Split.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Not a split."),
    };
}
