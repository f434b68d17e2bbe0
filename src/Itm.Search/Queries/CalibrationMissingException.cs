using Itm.Model.Persistence;

namespace Itm.Search.Queries;

/// <summary>A search asked for a minimum precision, and the index's model has no calibration to judge it by.</summary>
public sealed class CalibrationMissingException : Exception
{
    public CalibrationMissingException(string modelDir)
        : base($"The model {modelDir} has no calibration ({ModelFolder.CalibrationFile}), so results can't be cut at a precision. " +
               $"Fit one with `itm calibrate --model {modelDir} --data DATASET.json` (the dataset it was trained on), or retrain it: `itm train` writes one.")
    {
        ModelDir = modelDir;
    }

    public string ModelDir { get; }
}
