using System.Reflection;
using Itm.Cli.Commands;
using Itm.Data.Images;
using Itm.Data.Text;
using Itm.Model.Features;
using Itm.Model.JointEmbedding;
using Itm.Model.Persistence;
using Itm.Training;
using Spectre.Console.Cli;

namespace Itm.Cli.Tests;

/// <summary>
/// The library's option records hold every default: `itm train` with no options trains exactly what they default to,
/// and every option whose default comes from a record shows that record's value in the help and starts from it.
/// </summary>
public sealed class DefaultsTests
{
    public static TheoryData<Type> SettingsTypes() =>
        [.. typeof(DefaultFromAttribute).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CommandSettings)) && !t.IsAbstract)];

    [Fact]
    public void Train_with_no_options_trains_what_the_option_records_default_to()
    {
        var bound = new TrainSettings { Data = "d.json", Out = "m" }.ToJobOptions();

        Assert.Equal(new JointEmbeddingOptions(), bound.Model);
        Assert.Equal(new TrainerOptions(), bound.Trainer);
    }

    [Fact]
    public void Base_build_with_no_options_builds_the_shipped_base_models_networks_and_views()
    {
        var train = new TrainSettings { Data = "d.json", Out = "m" }.ToJobOptions();
        var baseBuild = new BaseBuildSettings { Data = "d.json", Out = "m" }.ToJobOptions();
        var shipped = ModelFolder.ReadManifest(BaseModel.Folder).Joint;

        // itm train runs both pretrained networks at int8 and sees one view; the base model keeps MiniLM at float32
        Assert.Equal(PretrainedPrecision.Int8, train.Model.Image.Precision);
        Assert.Equal(PretrainedPrecision.Int8, train.Model.Text.Precision);
        Assert.Equal(ImageViews.One, train.Model.Image.Views);
        Assert.Equal(0, train.Model.Image.QuartersDropout);
        Assert.Equal(PretrainedPrecision.Int8, baseBuild.Model.Image.Precision);
        Assert.Equal(PretrainedPrecision.Float32, baseBuild.Model.Text.Precision);

        // and sees pictures at two scales, dropping the quarters of some of them while training
        Assert.Equal(ImageViews.Scales, baseBuild.Model.Image.Views);
        Assert.Equal(BaseModel.QuartersDropout, baseBuild.Model.Image.QuartersDropout);

        // as the shipped model was built
        Assert.Equal(baseBuild.Model.Text.Precision, shipped.Text.Precision);
        Assert.Equal(baseBuild.Model.Image.Precision, shipped.Image.Precision);
        Assert.Equal(baseBuild.Model.Image.Views, shipped.Image.Views);
        Assert.Equal(baseBuild.Model.Image.QuartersDropout, shipped.Image.QuartersDropout);
    }

    [Fact]
    public void Fine_tuning_keeps_the_initial_models_views_and_drops_quarters_only_when_asked()
    {
        var tuned = new TrainSettings { Data = "d.json", Out = "m", Init = BaseModel.Name }.ToJobOptions();
        var asked = new TrainSettings { Data = "d.json", Out = "m", Init = BaseModel.Name, QuartersDropout = 0.25 }.ToJobOptions();

        Assert.Equal(ImageViews.Scales, tuned.Model.Image.Views);
        Assert.Equal(0, tuned.Model.Image.QuartersDropout);
        Assert.Equal(0.25, asked.Model.Image.QuartersDropout);
    }

    [Fact]
    public void Quarters_dropout_without_two_scales_is_refused_naming_the_option_to_add()
    {
        var error = Assert.Throws<ArgumentException>(() => new TrainSettings { Data = "d.json", Out = "m", QuartersDropout = 0.5 }.ToJobOptions());

        Assert.Contains("--image-views scales", error.Message);
    }

    [Fact]
    public void Base_build_with_no_options_builds_the_shipped_text_channel_and_its_capped_word_bag()
    {
        var train = new TrainSettings { Data = "d.json", Out = "m" }.ToJobOptions();
        var baseBuild = new BaseBuildSettings { Data = "d.json", Out = "m" }.ToJobOptions();
        var shipped = ModelFolder.ReadManifest(BaseModel.Folder);

        Assert.Equal(BaseModel.TextEncoder, baseBuild.Model.Text.Model.Name);
        Assert.Equal(BaseModel.TextEncoder, shipped.Joint.Text.Model.Name);
        Assert.Equal(BaseModel.MaxFeatures, baseBuild.Model.Text.MaxFeatures);
        Assert.InRange(shipped.TextFeatureCount, 2, BaseModel.MaxFeatures);
        Assert.Equal(new TextEncoderOptions().MaxFeatures, train.Model.Text.MaxFeatures);

        // Its lighter dropout, in both channels, as the shipped model was built; itm train keeps the library's
        Assert.Equal(BaseModel.Dropout, baseBuild.Model.Text.Dropout);
        Assert.Equal(BaseModel.Dropout, baseBuild.Model.Image.Dropout);
        Assert.Equal(BaseModel.Dropout, shipped.Joint.Text.Dropout);
        Assert.Equal(new TextEncoderOptions().Dropout, train.Model.Text.Dropout);

        // Its word bag reads sentences without their leading article
        Assert.True(Assert.IsType<NGramFeaturizer>(TextFeaturizerFile.Load(Path.Combine(BaseModel.Folder, ModelFolder.FeaturizerFile))).SkipsLeadingArticle);
    }

    [Fact]
    public void Train_base_build_and_the_shipped_base_model_contain_pictures_and_image_fit_chooses()
    {
        var train = new TrainSettings { Data = "d.json", Out = "m" }.ToJobOptions();
        var baseBuild = new BaseBuildSettings { Data = "d.json", Out = "m" }.ToJobOptions();
        var cropped = new TrainSettings { Data = "d.json", Out = "m", ImageFit = ImageFit.CropCenter }.ToJobOptions();

        Assert.Equal(ImageFit.Contain, train.Model.Image.Fit);
        Assert.Equal(ImageFit.Contain, baseBuild.Model.Image.Fit);
        Assert.Equal(ImageFit.Contain, ModelFolder.ReadManifest(BaseModel.Folder).Joint.Image.Fit);
        Assert.Equal(ImageFit.CropCenter, cropped.Model.Image.Fit);
    }

    [Theory]
    [MemberData(nameof(SettingsTypes))]
    public void Every_option_shows_and_starts_from_its_records_default(Type settings)
    {
        object fresh = Activator.CreateInstance(settings)!;
        foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<DefaultFromAttribute>() is not { } source)
            {
                continue;
            }

            object? shown = source.Value;
            object? start = property.GetValue(fresh);
            Assert.True(Equals(shown, start), $"{settings.Name}.{property.Name}: the help shows {shown}, the option starts from {start}.");
        }
    }

    [Fact]
    public void The_help_shows_the_records_defaults()
    {
        var (_, output) = CliRunner.Run("train", "--help");

        Assert.Matches(@"--text <MODEL>\s+minilm", output);
        Assert.Matches(@"--epochs <N>\s+30\b", output);
        Assert.Matches(@"--negatives <KIND>\s+inbatch", output);
    }
}
