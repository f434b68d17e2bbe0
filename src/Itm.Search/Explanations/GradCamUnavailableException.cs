namespace Itm.Search.Explanations;

/// <summary>
/// Grad-CAM was asked of a model that can't give it: its image encoder has no spatial maps (frozen pretrained
/// features), or fewer layers of them than asked. The request is fine for another model; occlusion works with any.
/// </summary>
public sealed class GradCamUnavailableException : Exception
{
    /// <param name="parameter">The option at fault: <c>method</c> or <c>layer</c>.</param>
    public GradCamUnavailableException(string message, string parameter)
        : base(message)
    {
        Parameter = parameter;
    }

    /// <summary>The option at fault: <c>method</c> or <c>layer</c>.</summary>
    public string Parameter { get; }
}
