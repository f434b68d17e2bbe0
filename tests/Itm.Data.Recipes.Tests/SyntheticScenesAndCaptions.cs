using Itm.Data.Relevance;
using Itm.Data.Text;

namespace Itm.Data.Recipes.Tests;

public sealed class SyntheticScenesAndCaptions
{
    // Enough scenes for every template, twin kind and object count to occur; no images are drawn.
    private static readonly SyntheticOptions Options = new("unused", ImageCount: 600, ValCount: 50, TestCount: 50);

    [Fact]
    public void Every_caption_is_true_of_its_scene()
    {
        IReadOnlyList<SyntheticScene> scenes = new SceneGenerator(Options).Generate();
        var templates = new CaptionTemplates();
        var rng = new Random(1);

        foreach (SyntheticScene scene in scenes)
        {
            IReadOnlyList<string> captions = templates.Describe(scene, 5, rng);
            Assert.Equal(5, captions.Count);
            Assert.Equal(5, captions.Distinct().Count());
            foreach (string caption in captions)
                Assert.True(SceneCaptionChecker.Problem(caption, scene) is null, $"scene {scene.Index}: '{caption}': {SceneCaptionChecker.Problem(caption, scene)}");
        }
    }

    [Fact]
    public void The_scene_relevance_reads_every_caption_as_true_of_its_scene_and_false_of_a_swapped_twin()
    {
        IReadOnlyList<SyntheticScene> scenes = new SceneGenerator(Options).Generate();
        var facts = scenes.Select(Facts).ToList();
        var lexicon = SceneLexicon.Of(facts);
        var templates = new CaptionTemplates();
        int checkedOnTwins = 0;

        foreach (SyntheticScene scene in scenes)
        {
            foreach (string caption in templates.Describe(scene, 5, new Random(scene.Index)))
            {
                var claim = SceneSentence.Parse(caption, lexicon);
                Assert.True(claim is not null && claim.IsTrueOf(facts[scene.Index]), $"scene {scene.Index}: '{caption}'");
                if (scene.TwinOf is not int source || scene.Objects.Count != 2 || (scene.Twin == TwinKind.SizeSwap && !caption.Contains("small", StringComparison.Ordinal)))
                    continue;
                // Two objects exchanged colours, shapes, places (or sizes, when the caption names them): the twin's
                // sentence is false of the scene it was made from, though it has the same words.
                Assert.False(claim.IsTrueOf(facts[source]), $"scene {scene.Index}: '{caption}' is also true of its twin {source}");
                checkedOnTwins++;
            }
        }

        Assert.True(checkedOnTwins > 1000, $"{checkedOnTwins} twin captions checked");
    }

    private static SceneFacts Facts(SyntheticScene scene) =>
        new(scene.Index, [.. scene.Objects.Select(o => new SceneObjectFacts(SceneWords.Of(o.Shape), SceneWords.Of(o.Colour), SceneWords.Of(o.Size)))], scene.Axis);

    [Fact]
    public void Scenes_have_distinct_colours_and_shapes_and_clear_relations()
    {
        foreach (SyntheticScene scene in new SceneGenerator(Options).Generate())
        {
            Assert.Equal(scene.Objects.Count, scene.Objects.Select(o => o.Colour).Distinct().Count());
            Assert.Equal(scene.Objects.Count, scene.Objects.Select(o => o.Shape).Distinct().Count());
            Assert.All(scene.Objects, o => Assert.True(o.X - o.Radius > 0 && o.X + o.Radius < 1 && o.Y - o.Radius > 0 && o.Y + o.Radius < 1));
            for (int i = 0; i + 1 < scene.Objects.Count; i++)
                Assert.True(SceneCaptionChecker.Holds(scene, i, scene.RelationBetween(i, i + 1), i + 1), $"scene {scene.Index}, objects {i} and {i + 1}");
        }
    }

    [Fact]
    public void Sizes_never_overlap_between_small_and_large()
    {
        var objects = new SceneGenerator(Options).Generate().Where(s => s.Objects.Count == 2).SelectMany(s => s.Objects).ToList();

        Assert.True(objects.Where(o => o.Size == SceneSize.Small).Max(o => o.Radius) < objects.Where(o => o.Size == SceneSize.Large).Min(o => o.Radius));
    }

    [Fact]
    public void Most_scenes_have_a_twin_of_every_kind()
    {
        IReadOnlyList<SyntheticScene> scenes = new SceneGenerator(Options).Generate();
        var twins = scenes.Where(s => s.Twin is not null).ToList();

        Assert.All(Enum.GetValues<TwinKind>(), kind => Assert.Contains(twins, t => t.Twin == kind));
        // Twin fraction 0.8 of the multi-object scenes: well over half of all scenes are in a pair.
        Assert.True(twins.Count * 2 > scenes.Count * 0.6, $"{twins.Count} twins in {scenes.Count} scenes");
        Assert.All(twins, t => Assert.Equal(t.TwinOf, t.Index - 1));
    }

    [Fact]
    public void Twins_have_the_same_words_in_a_different_order()
    {
        IReadOnlyList<SyntheticScene> scenes = new SceneGenerator(Options).Generate();
        var templates = new CaptionTemplates();

        foreach (SyntheticScene twin in scenes.Where(s => s.TwinOf is not null))
        {
            SyntheticScene source = scenes[twin.TwinOf!.Value];
            // The same random draws choose the same templates for both scenes.
            IReadOnlyList<string> a = templates.Describe(source, 5, new Random(twin.Index));
            IReadOnlyList<string> b = templates.Describe(twin, 5, new Random(twin.Index));

            // Every sentence that names all objects uses the same bag of words for both scenes (in a
            // three-object scene, a sentence about two of them may leave out one of the swapped objects).
            Assert.Equal(a.Count, b.Count);
            var whole = Enumerable.Range(0, a.Count).Where(k => SceneCaptionChecker.NamedObjects(a[k]) == source.Objects.Count).ToList();
            Assert.All(whole, k => Assert.Equal(Bag(a[k]), Bag(b[k])));
            if (source.Objects.Count == 2)
                Assert.Equal(a.Count, whole.Count);
            // ...in a different order: a swap of colours, shapes or places always reorders the words
            // (a size swap does so only where a sentence names the sizes).
            if (source.Objects.Count == 2 && twin.Twin != TwinKind.SizeSwap)
                Assert.All(whole, k => Assert.NotEqual(a[k], b[k]));
            // And the scenes really differ: at least one caption of the source is false of the twin.
            Assert.Contains(a, caption => SceneCaptionChecker.Problem(caption, twin) is not null);
        }

        static string Bag(string sentence) => string.Join(' ', Tokenizer.Tokenize(sentence).Order(StringComparer.Ordinal));
    }
}
