using System.Globalization;
using Itm.Evaluation.Study;
using Itm.Model.JointEmbedding;
using Itm.Model.Sampling;

namespace Itm.Training.Study;

/// <summary>One configuration to train: what it varies, as settings for the report, and the options it trains with.</summary>
public sealed record StudyCell(string Key, IReadOnlyDictionary<string, string> Settings, JointEmbeddingOptions Model, TrainerOptions Trainer);

/// <summary>
/// The study's grid: the sweeps, each varying one factor from the base configuration, and the distinct configurations
/// they need (a configuration that appears in several sweeps, such as the base, is trained once per seed).
/// </summary>
public sealed record StudyGrid(IReadOnlyList<StudySweep> Sweeps, IReadOnlyList<StudyCell> Cells)
{
    /// <exception cref="FormatException">An axis value is not understood; the message names it.</exception>
    public static StudyGrid Build(StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cells = new List<StudyCell>();
        var sweeps = new List<StudySweep>();
        var baseModel = options.BaseModel;
        var baseTrainer = options.BaseTrainer;

        StudySweepEntry Add(string label, JointEmbeddingOptions model, TrainerOptions trainer)
        {
            var cell = Cell(model, trainer);
            if (cells.All(c => c.Key != cell.Key))
            {
                cells.Add(cell);
            }

            return new StudySweepEntry(label, cell.Key);
        }

        // The base goes first: it is the reference row of most sweeps, so its seeds are the first runs of a study.
        var baseCell = Cell(baseModel, baseTrainer);
        string baseKey = baseCell.Key;
        cells.Add(baseCell);
        foreach (var kind in options.Sweeps.Distinct())
        {
            var entries = new List<StudySweepEntry>();
            switch (kind)
            {
                case StudySweepKind.Text:
                    foreach (string spec in options.Texts)
                    {
                        var text = StudyAxes.ParseText(spec, baseModel.Text);
                        entries.Add(Add(StudyAxes.FormatText(text), baseModel with { Text = text }, baseTrainer));
                    }

                    sweeps.Add(new StudySweep("text", "Text model", baseKey, WithBase(entries, baseKey, StudyAxes.FormatText(baseModel.Text))));
                    break;

                case StudySweepKind.Objective:
                    foreach (string spec in options.Objectives)
                    {
                        var (loss, negatives) = StudyAxes.ParseObjective(spec, baseTrainer.Negatives.Direction);
                        var trainer = baseTrainer with { Loss = baseTrainer.Loss with { Kind = loss }, Negatives = negatives with { CounterWeight = baseTrainer.Negatives.CounterWeight } };
                        entries.Add(Add(StudyAxes.FormatObjective(loss, negatives), baseModel, trainer));
                    }

                    sweeps.Add(new StudySweep("objective", "Loss and negatives", baseKey,
                        WithBase(entries, baseKey, StudyAxes.FormatObjective(baseTrainer.Loss.Kind, baseTrainer.Negatives))));
                    break;

                case StudySweepKind.Direction:
                    foreach (string objective in options.DirectionObjectives)
                    {
                        sweeps.Add(DirectionSweep(objective, options.Directions, baseModel, baseTrainer, Add));
                    }

                    break;

                case StudySweepKind.Image:
                    foreach (var image in options.Images)
                    {
                        entries.Add(Add(image.Name, baseModel with { Image = baseModel.Image with { Model = image } }, baseTrainer));
                    }

                    sweeps.Add(new StudySweep("image", "Image model", baseKey, WithBase(entries, baseKey, baseModel.Image.Model.Name)));
                    break;

                default:
                    throw new ArgumentOutOfRangeException(nameof(options), kind, "Unknown sweep.");
            }
        }

        // A grid of only the direction sweep compares with its own 'both' run and has no use for the base.
        if (!sweeps.Any(s => s.Entries.Any(e => e.Key == baseKey)))
        {
            cells.RemoveAt(0);
        }

        return new StudyGrid(sweeps, cells);
    }

    /// <summary>
    /// One direction sweep: every direction trained with one objective. Its reference row is <c>both</c> with the same
    /// objective, so the comparison isolates the direction.
    /// </summary>
    private static StudySweep DirectionSweep(
        string objective, IReadOnlyList<Direction> directions, JointEmbeddingOptions model, TrainerOptions baseTrainer,
        Func<string, JointEmbeddingOptions, TrainerOptions, StudySweepEntry> add)
    {
        var entries = new List<StudySweepEntry>();
        string? bothKey = null;
        foreach (var direction in directions)
        {
            var (loss, negatives, prior) = StudyAxes.ParseDirectionObjective(objective, direction, baseTrainer.Negatives.CounterWeight);
            var trainer = baseTrainer with { Loss = baseTrainer.Loss with { Kind = loss }, Negatives = negatives };
            var withPrior = model with
            {
                Prior = !prior ? QueryPrior.None : direction switch
                {
                    Direction.Search => QueryPrior.Search,
                    Direction.Annotate => QueryPrior.Annotate,
                    _ => QueryPrior.None,
                },
            };
            var entry = add(direction.ToString().ToLowerInvariant(), withPrior, trainer);
            entries.Add(entry);
            if (direction == Direction.Both)
            {
                bothKey = entry.Key;
            }
        }

        string name = "direction-" + objective.Replace('/', '-').Replace(':', '-');
        return new StudySweep(name, $"Direction, trained with {objective}", bothKey ?? entries[0].Key, entries);
    }

    /// <summary>The base row first, added when the sweep's values did not include it.</summary>
    private static List<StudySweepEntry> WithBase(List<StudySweepEntry> entries, string baseKey, string baseLabel)
    {
        var ordered = entries.Where(e => e.Key == baseKey).Take(1).Concat(entries.Where(e => e.Key != baseKey)).ToList();
        if (ordered.Count == 0 || ordered[0].Key != baseKey)
        {
            ordered.Insert(0, new StudySweepEntry(baseLabel, baseKey));
        }

        return ordered;
    }

    private static StudyCell Cell(JointEmbeddingOptions model, TrainerOptions trainer)
    {
        var negatives = trainer.Negatives;
        string direction = negatives.Direction.ToString().ToLowerInvariant();
        string counter = negatives.Direction != Direction.Both && negatives.CounterWeight > 0
            ? string.Create(CultureInfo.InvariantCulture, $"+{negatives.CounterWeight:0.###}")
            : "";
        var settings = new Dictionary<string, string>
        {
            ["text"] = StudyAxes.FormatText(model.Text),
            ["image"] = model.Image.Model.Name,
            ["loss"] = trainer.Loss.Kind.ToString().ToLowerInvariant(),
            ["negatives"] = negatives.ToString(),
            ["direction"] = direction + counter,
        };
        if (model.Prior != QueryPrior.None)
        {
            settings["prior"] = model.Prior.ToString().ToLowerInvariant();
        }

        string key = string.Join('_', settings.Values).Replace(':', '-').Replace('/', '-');
        return new StudyCell(key, settings, model, trainer);
    }
}
