using Itm.Cli.Commands;
using Itm.Data.Recipes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Itm.Cli;

/// <summary>The command tree of <c>itm</c>. Exit codes: 0 ok, 1 failed, 2 bad usage or bad input.</summary>
public static class ItmApp
{
    public static int Run(string[] args, IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("itm");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.SetExceptionHandler((exception, _) => ErrorReporter.Report(exception, console ?? AnsiConsole.Console, args));
            config.AddBranch("data", data =>
            {
                data.SetDescription("Make datasets.");
                var prepare = data.AddCommand<DataPrepareCommand>("prepare")
                    .WithDescription($"Prepare a dataset recipe ({RecipeCatalog.Names}) into --out DIR.");
                foreach (var recipe in RecipeCatalog.All)
                {
                    prepare.WithExample("data", "prepare", recipe.Name, "--out", $"data/{recipe.Name}");
                }
            });
            config.AddBranch("base", baseModel =>
            {
                baseModel.SetDescription("The base model that ships with itm (--model base): searches a folder without training; fine-tune it with train --init base.");
                baseModel.AddCommand<BaseBuildCommand>("build")
                    .WithDescription("Rebuild the base model: prepare the base recipe (icon and drawing sets; never OpenClipart, Tux Paint or emoji) and train the default configuration on it into models/base.")
                    .WithExample("base", "build")
                    .WithExample("base", "build", "--out", "models/base-new", "--threads", "2");
            });
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train an image-text matching model on a dataset.")
                .WithExample("train", "--data", "data/openclipart/dataset.json", "--text", "sse", "--out", "models/oc-sse");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Evaluate a model on a dataset split with the standard R@K protocol.")
                .WithExample("eval", "--model", "models/oc-sse", "--data", "data/openclipart/dataset.json", "--json", "eval.json");
            config.AddCommand<CalibrateCommand>("calibrate")
                .WithDescription("Fit a model's calibration of search scores (P(match) for --min-precision) on a dataset's validation split.")
                .WithExample("calibrate", "--model", "models/oc-sse", "--data", "data/openclipart/dataset.json");
            config.AddCommand<IndexCommand>("index")
                .WithDescription("Index a folder of images with a model: run again to pick up new, changed and deleted images.")
                .WithExample("index", "--model", "models/demo", "--images", "data/openclipart/images", "--db", "index/openclipart", "--captions", "data/openclipart/dataset.json");
            config.AddCommand<SearchCommand>("search")
                .WithDescription("Find the indexed images that best match a sentence or a query (+word, -word, 2:word, --image).")
                .WithExample("search", "--db", "index/openclipart", "a red apple", "-k", "5")
                .WithExample("search", "--db", "index/openclipart", "a house +garden -2:snow", "--image", "photo.jpg", "--image-weight", "0.5")
                .WithExample("search", "--db", "index/openclipart", "a red apple", "--min-precision", "0.8");
            config.AddCommand<AnnotateCommand>("annotate")
                .WithDescription("Rank the index's captions for an image (a file, or an indexed image's id).")
                .WithExample("annotate", "--db", "index/openclipart", "photo.jpg");
            config.AddCommand<SimilarCommand>("similar")
                .WithDescription("Find the indexed images nearest to an image (a file, or an indexed image's id).")
                .WithExample("similar", "--db", "index/openclipart", "photo.jpg");
            config.AddCommand<DuplicatesCommand>("duplicates")
                .WithDescription("Group the exact and near-duplicate images of an index (resized, re-encoded, cropped a little, recoloured) from their stored vectors.")
                .WithExample("duplicates", "--db", "index/openclipart")
                .WithExample("duplicates", "--db", "index/openclipart", "--threshold", "0.95", "--json");
            config.AddCommand<ExplainCommand>("explain")
                .WithDescription("Why an image matches a sentence: each word's weight, and a heatmap of the regions that drive the score " +
                    "(occlusion, or Grad-CAM for convnet and resnet18tune models; an overlay PNG).")
                .WithExample("explain", "--db", "index/openclipart", "--image", "17", "a red apple")
                .WithExample("explain", "--db", "index/openclipart", "--image", "photo.jpg", "a red apple", "--out", "why.png", "--grid", "10")
                .WithExample("explain", "--db", "index/scenes", "--image", "17", "a red circle", "--method", "gradcam");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Write an index's embeddings (.npy + parquet, clip-retrieval's layout) and its model's encoders as ONNX.")
                .WithExample("export", "--db", "index/openclipart", "--out", "export/openclipart")
                .WithExample("export", "--model", "models/demo", "--out", "export/model");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Serve the web page and the JSON API over an index (search, annotate, similar).")
                .WithExample("serve", "--db", "index/openclipart");
            config.AddBranch("garnet", garnet =>
            {
                garnet.SetDescription("Run Garnet nodes locally, form a cluster of them, and show their state (the scale-out index backend).");
                garnet.AddCommand<GarnetServeCommand>("serve")
                    .WithDescription("Run Garnet nodes in this process until Ctrl+C (vector sets on; a cluster when --nodes > 1; --dir keeps the data).")
                    .WithExample("garnet", "serve")
                    .WithExample("garnet", "serve", "--nodes", "3", "--port", "7000", "--dir", "data/garnet");
                garnet.AddCommand<GarnetClusterCommand>("cluster")
                    .WithDescription("Make running cluster-mode Garnet nodes one cluster: split the 16384 slots evenly and introduce the nodes.")
                    .WithExample("garnet", "cluster", "--garnet", "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002");
                garnet.AddCommand<GarnetStatusCommand>("status")
                    .WithDescription("Show Garnet nodes: reachable or not, cluster or standalone, slot ranges, keys per node.")
                    .WithExample("garnet", "status", "--garnet", "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002");
            });
            config.AddCommand<StudyCommand>("study")
                .WithDescription("Train and evaluate a grid of configurations over several seeds and write a report.")
                .WithExample("study", "--data", "data/openclipart/dataset.json", "--out", "docs/study/openclipart");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Prepare OpenClipart, search it with the base model, fine-tune the base model on it, show the gain and examples, index it and serve the page.");
        });
        return app.Run(args);
    }
}
