using System.Globalization;
using System.Text.Json;
using Itm.Data.IO;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Itm.Training.Checkpoints;

/// <summary>
/// Checkpoints in a folder. Each epoch is written into a fresh <c>epoch-NNNN.tmp</c> folder, renamed
/// to <c>epoch-NNNN</c> when complete, and only then named in the <c>latest</c> file (replaced
/// atomically) — so a run killed at any instant leaves the previous checkpoint intact and readable.
/// The best model's weights are kept in <c>best.weights</c>, replaced the same way.
/// </summary>
public sealed class CheckpointStore
{
    private const string LatestFile = "latest";
    private const string WeightsFile = "model.weights";
    private const string OptimizerFile = "optimizer.state";
    private const string StateFile = "state.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public CheckpointStore(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string BestWeightsPath => Path.Combine(Folder, "best.weights");

    /// <summary>Tests fail (and tear files) at chosen points of a write to show that the previous checkpoint survives.</summary>
    internal Action<CheckpointWritePhase, string>? FaultInjection { get; set; }

    public void Save(nn.Module model, OptimizerHelper optimizer, TrainerState state)
    {
        Directory.CreateDirectory(Folder);
        string name = "epoch-" + state.CompletedEpochs.ToString("D4", CultureInfo.InvariantCulture);
        string final = Path.Combine(Folder, name);
        string temp = final + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        string weights = Path.Combine(temp, WeightsFile);
        model.save(weights);
        FaultInjection?.Invoke(CheckpointWritePhase.WeightsWritten, weights);
        string optimizerState = Path.Combine(temp, OptimizerFile);
        optimizer.save_state_dict(optimizerState);
        FaultInjection?.Invoke(CheckpointWritePhase.OptimizerWritten, optimizerState);
        string statePath = Path.Combine(temp, StateFile);
        File.WriteAllText(statePath, JsonSerializer.Serialize(state, Json));
        FaultInjection?.Invoke(CheckpointWritePhase.StateWritten, statePath);

        // On disk before `latest` can name them: a power cut after the rename must not leave it naming empty files.
        foreach (string file in new[] { weights, optimizerState, statePath })
        {
            SyncToDisk(file);
        }

        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temp, final);
        FaultInjection?.Invoke(CheckpointWritePhase.FolderRenamed, final);
        AtomicFile.WriteAllText(Path.Combine(Folder, LatestFile), name);
        FaultInjection?.Invoke(CheckpointWritePhase.LatestReplaced, Path.Combine(Folder, LatestFile));
        DeleteOlderThan(name);
    }

    public void SaveBest(nn.Module model)
    {
        Directory.CreateDirectory(Folder);
        AtomicFile.WriteVia(BestWeightsPath, temporary =>
        {
            model.save(temporary);
            FaultInjection?.Invoke(CheckpointWritePhase.BestWeightsWritten, temporary);
            SyncToDisk(temporary);
        });
    }

    /// <summary>Restores the latest checkpoint into the model and optimizer; null when there is none.</summary>
    public TrainerState? TryRestoreLatest(nn.Module model, OptimizerHelper optimizer)
    {
        string latest = Path.Combine(Folder, LatestFile);
        if (!File.Exists(latest))
        {
            return null;
        }

        string dir = Path.Combine(Folder, File.ReadAllText(latest).Trim());
        string statePath = Path.Combine(dir, StateFile);
        if (!File.Exists(statePath))
        {
            throw new InvalidDataException($"Checkpoint {dir} named in {latest} is incomplete ({StateFile} missing). Delete {Folder} to start over.");
        }

        var state = JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(statePath), Json)
            ?? throw new InvalidDataException($"Checkpoint state {statePath} is empty.");
        model.load(Path.Combine(dir, WeightsFile));
        optimizer.load_state_dict(Path.Combine(dir, OptimizerFile));
        return state;
    }

    /// <summary>Reads the latest checkpoint's state without touching any model.</summary>
    public TrainerState? PeekLatest()
    {
        string latest = Path.Combine(Folder, LatestFile);
        if (!File.Exists(latest))
        {
            return null;
        }

        string statePath = Path.Combine(Folder, File.ReadAllText(latest).Trim(), StateFile);
        return File.Exists(statePath) ? JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(statePath), Json) : null;
    }

    private static void SyncToDisk(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    private void DeleteOlderThan(string keep)
    {
        foreach (string dir in Directory.EnumerateDirectories(Folder, "epoch-*"))
        {
            if (Path.GetFileName(dir) != keep)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
