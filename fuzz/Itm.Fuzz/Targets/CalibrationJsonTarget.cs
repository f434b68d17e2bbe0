using Itm.Evaluation.Calibration;

namespace Itm.Fuzz.Targets;

/// <summary>A model folder's <c>calibration.json</c> (score to probability).</summary>
public sealed class CalibrationJsonTarget : FuzzTarget
{
    public override string Name => "calibration-json";

    public override string Description => "CalibrationJson.Read on calibration.json; handled: InvalidDataException (names the file)";

    protected override void Feed(byte[] input, Scratch scratch) => CalibrationJson.Read(scratch.Write("calibration/calibration.json", input));

    protected override bool IsHandled(Exception e) => e is InvalidDataException;
}
