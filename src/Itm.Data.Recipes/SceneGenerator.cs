using Itm.Data.Relevance;

namespace Itm.Data.Recipes;

/// <summary>
/// Draws the random scene descriptions of the synthetic dataset: one, two or three objects with distinct
/// colours and shapes, lined up along one axis so that "left of"/"above" hold with a clear gap, and, for
/// most multi-object scenes, a twin right after it with two attributes (or places) exchanged.
/// </summary>
/// <remarks>
/// Twins are what stop a bag of words: "a red circle left of a blue square" and its colour-swapped twin
/// "a blue circle left of a red square" use the same words, so only their order tells the images apart.
/// </remarks>
public sealed class SceneGenerator
{
    // Base hues, indexed by SceneColour; fills jitter around them by up to FillJitter per channel.
    private static readonly Rgb[] Palette =
    [
        new(220, 40, 40),   // red
        new(40, 160, 60),   // green
        new(40, 80, 220),   // blue
        new(235, 205, 25),  // yellow
        new(140, 60, 190),  // purple
        new(245, 135, 20),  // orange
    ];

    // White and near-white tints: light enough that every palette colour, yellow included, stands out.
    private static readonly Rgb[] Backgrounds = [new(255, 255, 255), new(246, 246, 240), new(240, 244, 250), new(250, 245, 236)];

    private const int FillJitter = 12;
    private const int BackgroundJitter = 3;

    private readonly SyntheticOptions _options;

    public SceneGenerator(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Exactly <see cref="SyntheticOptions.ImageCount"/> scenes; a twin always directly follows the scene it was made from.</summary>
    public IReadOnlyList<SyntheticScene> Generate()
    {
        var rng = new Random(_options.Seed);
        var scenes = new List<SyntheticScene>(_options.ImageCount);
        while (scenes.Count < _options.ImageCount)
        {
            double draw = rng.NextDouble();
            int objectCount = draw < _options.SingleObjectFraction ? 1
                : draw < _options.SingleObjectFraction + _options.ThreeObjectFraction ? 3
                : 2;
            SyntheticScene scene = NewScene(rng, scenes.Count, objectCount);
            scenes.Add(scene);
            if (objectCount > 1 && scenes.Count < _options.ImageCount && rng.NextDouble() < _options.TwinFraction)
                scenes.Add(MakeTwin(rng, scene, scenes.Count));
        }

        return scenes;
    }

    private static SyntheticScene NewScene(Random rng, int index, int objectCount)
    {
        var axis = rng.Next(2) == 0 ? SceneAxis.Horizontal : SceneAxis.Vertical;
        SceneColour[] colours = Enum.GetValues<SceneColour>();
        SceneShape[] shapes = Enum.GetValues<SceneShape>();
        rng.Shuffle(colours);
        rng.Shuffle(shapes);

        // Slot centres along the axis and how far each may wander. With these numbers and the radii below,
        // neighbours keep a gap of at least 5% of the image along the axis, while their offset across it
        // stays under 6%: the relation is never borderline.
        (double[] slots, double alongJitter, double crossSpread, double radiusScale) = objectCount switch
        {
            1 => (new[] { 0.5 }, 0.1, 0.1, 1.0),
            2 => (new[] { 0.27, 0.73 }, 0.04, 0.15, 1.0),
            _ => (new[] { 0.17, 0.5, 0.83 }, 0.025, 0.12, 0.7),
        };
        double crossBase = 0.5 + Uniform(rng, crossSpread);

        var objects = new SceneObject[objectCount];
        for (int i = 0; i < objectCount; i++)
        {
            var size = rng.Next(2) == 0 ? SceneSize.Small : SceneSize.Large;
            double radius = radiusScale * (size == SceneSize.Small ? 0.085 + Uniform(rng, 0.01) : 0.15 + Uniform(rng, 0.012));
            double along = slots[i] + Uniform(rng, alongJitter);
            double cross = crossBase + Uniform(rng, 0.03);
            (double x, double y) = axis == SceneAxis.Horizontal ? (along, cross) : (cross, along);
            objects[i] = new SceneObject(shapes[i], colours[i], size, Round(x), Round(y), Round(radius), Jitter(rng, Palette[(int)colours[i]], FillJitter));
        }

        Rgb background = Jitter(rng, Backgrounds[rng.Next(Backgrounds.Length)], BackgroundJitter);
        return new SyntheticScene(index, objects, axis, background, TwinOf: null, Twin: null);
    }

    private static SyntheticScene MakeTwin(Random rng, SyntheticScene source, int index)
    {
        // Which two objects exchange: in a three-object scene any pair, so twins are not always about the ends.
        int i = rng.Next(source.Objects.Count);
        int j = (i + 1 + rng.Next(source.Objects.Count - 1)) % source.Objects.Count;
        SceneObject a = source.Objects[i], b = source.Objects[j];

        var kinds = new List<TwinKind> { TwinKind.ColourSwap, TwinKind.ShapeSwap, TwinKind.PositionSwap };
        if (a.Size != b.Size)
            kinds.Add(TwinKind.SizeSwap);
        TwinKind kind = kinds[rng.Next(kinds.Count)];

        (SceneObject newA, SceneObject newB) = kind switch
        {
            TwinKind.ColourSwap => (a with { Colour = b.Colour, Fill = b.Fill }, b with { Colour = a.Colour, Fill = a.Fill }),
            TwinKind.ShapeSwap => (a with { Shape = b.Shape }, b with { Shape = a.Shape }),
            TwinKind.SizeSwap => (a with { Size = b.Size, Radius = b.Radius }, b with { Size = a.Size, Radius = a.Radius }),
            // The objects trade places, so the list (kept in layout order) holds b at i and a at j.
            _ => (b with { X = a.X, Y = a.Y }, a with { X = b.X, Y = b.Y }),
        };

        var objects = source.Objects.ToArray();
        objects[i] = newA;
        objects[j] = newB;
        return source with { Index = index, Objects = objects, TwinOf = source.Index, Twin = kind };
    }

    private static double Uniform(Random rng, double halfWidth) => (rng.NextDouble() * 2 - 1) * halfWidth;

    // Four decimals are far below a pixel at any practical size and keep scenes.json short and stable.
    private static double Round(double value) => Math.Round(value, 4);

    private static Rgb Jitter(Random rng, Rgb colour, int amount)
    {
        byte Channel(byte c) => (byte)Math.Clamp(c + rng.Next(-amount, amount + 1), 0, 255);
        return new Rgb(Channel(colour.R), Channel(colour.G), Channel(colour.B));
    }
}
