using Itm.Evaluation;
using Itm.Training.Jobs;

namespace Itm.Training.Study;

/// <summary>What a study reports while it runs; the CLI renders these.</summary>
public abstract record StudyEvent;

/// <summary>The grid is known: how many runs it holds and how many are already done from an earlier invocation.</summary>
public sealed record StudyPlanned(int Configurations, int Runs, int AlreadyDone) : StudyEvent;

public sealed record StudyRunStarted(string Key, int Seed, int Number, int Total) : StudyEvent;

/// <summary>A training job's own event, inside the current run.</summary>
public sealed record StudyRunProgressed(JobEvent Event) : StudyEvent;

public sealed record StudyRunFinished(string Key, int Seed, EvalReport Test, double Seconds) : StudyEvent;

public sealed record StudyRunSkipped(string Key, int Seed, string Reason) : StudyEvent;

/// <summary>The report, results and plots are written.</summary>
public sealed record StudyWritten(string ReportPath) : StudyEvent;
