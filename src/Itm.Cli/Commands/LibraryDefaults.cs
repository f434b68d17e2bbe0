using Itm.Model.JointEmbedding;
using Itm.Training;

namespace Itm.Cli.Commands;

/// <summary>
/// The library's option records as they default, which the commands' options start from: the command line states no
/// default of its own (see <see cref="DefaultFromAttribute"/>).
/// </summary>
internal static class LibraryDefaults
{
    public static readonly TrainerOptions Trainer = new();

    public static readonly JointEmbeddingOptions Model = new();
}
