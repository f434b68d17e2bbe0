namespace Itm.Data;

/// <summary>Which part of a dataset an image belongs to. Karpathy's <c>restval</c> is read as <see cref="Train"/>.</summary>
public enum Split
{
    Train,
    Val,
    Test,
}
