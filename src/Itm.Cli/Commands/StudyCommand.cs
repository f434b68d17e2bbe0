using Itm.Cli.Rendering;
using Itm.Evaluation.Study;
using Itm.Training.Study;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli.Commands;

/// <summary><c>itm study</c>: binds the options and runs the comparison grid with a live progress display.</summary>
public sealed class StudyCommand : Command<StudySettings>
{
    private readonly IAnsiConsole console;

    public StudyCommand(IAnsiConsole console)
    {
        this.console = console;
    }

    public override int Execute(CommandContext context, StudySettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToStudyOptions(context.Arguments);
        var results = new StudyProgressRenderer(console).Run(progress => StudyRunner.Run(options, progress, cancellationToken));
        foreach (var test in StudyReport.Specialisation(results))
        {
            console.MarkupLine(Markup.Escape($"{test.Sweep}: {test.Direction} vs both on {test.Metric}: {test.Specialised.Format()} vs {test.Both.Format()}" +
                $" (beyond the seed spread: {(test.BeyondSeedSpread ? "yes" : "no")})"));
        }

        // Runs left out for the budget are the user's choice; a run that failed is not.
        return results.Skipped.Any(s => s.Failed) ? 1 : 0;
    }
}
