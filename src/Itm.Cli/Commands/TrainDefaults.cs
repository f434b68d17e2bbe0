using Itm.Model.JointEmbedding;
using Itm.Model.Losses;

namespace Itm.Cli.Commands;

/// <summary>
/// The defaults `itm train` and `itm demo` use: the best configuration measured so far (README, "Results").
/// They repeat the option records' defaults because attributes need constants; a test keeps the two in step.
/// </summary>
internal static class TrainDefaults
{
    public const TextModel Text = TextModel.Ngram;
    public const string NGrams = "3+skip";
    public const ImageModel Image = ImageModel.ResNet18;
    public const LossKind Loss = LossKind.InfoNce;
    public const string Negatives = "inbatch";
    public const float CounterWeight = 0;
    public const int BankRefreshSteps = 10;
    public const int Epochs = 30;
    public const int Dim = 256;
    public const int Batch = 128;
    public const double LearningRate = 1e-3;
    public const double PretrainedLearningRateScale = 0.1;
    public const float Margin = 0.2f;
    public const float Temperature = 0.1f;
    public const double Dropout = 0.5;
    public const double WeightDecay = 0;
    public const int Patience = 8;
}
