namespace Itm.Data.Tests.Fixtures.Readers;

/// <summary>
/// The catalogue of tiny datasets the reader tests use, each in its format's exact layout. Every fixture is written
/// into a <see cref="TempDataFolder"/> at test time, so no file needs copying to the test output.
/// </summary>
public static class ReaderFixtures
{
    /// <summary>
    /// Karpathy split file with: a COCO-style image in a sub-folder (filepath) with 3 sentences, one of them without
    /// tokens; a Flickr-style image without filepath in restval with one sentence; a string imgid in test.
    /// </summary>
    public const string KarpathyJson = """
        {
          "dataset": "tiny",
          "images": [
            {
              "filepath": "val2014", "filename": "a.png", "imgid": 0, "split": "val", "sentids": [10, 11, 12],
              "sentences": [
                { "raw": "A red circle.", "tokens": ["a", "red", "circle"], "imgid": 0, "sentid": 10 },
                { "raw": "Circle, red!", "imgid": 0, "sentid": 11 },
                { "raw": "red round thing", "tokens": ["red", "round", "thing"], "imgid": 0, "sentid": 12 }
              ]
            },
            {
              "filename": "b.png", "imgid": 1, "split": "restval",
              "sentences": [ { "raw": "A blue square", "tokens": ["a", "blue", "square"], "sentid": 20 } ]
            },
            {
              "filepath": "", "filename": "c.png", "imgid": "img-c", "split": "test",
              "sentences": [ { "raw": "Green triangle", "tokens": ["green", "triangle"], "sentid": 30 } ]
            }
          ]
        }
        """;

    /// <summary>The images <see cref="KarpathyJson"/> names, relative to its folder.</summary>
    public static readonly string[] KarpathyImages = ["val2014/a.png", "b.png", "c.png"];

    /// <summary>Flickr8k.token.txt: three listed images (x has 2 captions, y has 1, z has 1) and one unlisted image u.</summary>
    public const string Flickr8kTokens =
        "x.png#0\tA dog runs on the grass .\n" +
        "x.png#1\tA brown dog is running .\n" +
        "u.png#0\tAn unlisted image .\n" +
        "y.png#0\tA child in a pink dress .\n" +
        "z.png#0\tTwo men play chess .\n";

    public const string Flickr8kTrainList = "x.png\ny.png\n";

    public const string Flickr8kValList = "z.png\n";

    /// <summary>Lists an image that has no caption line, as the real Flickr8k lists do.</summary>
    public const string Flickr8kTestList = "w.png\n";

    public static readonly string[] Flickr8kImages = ["Flicker8k_Dataset/x.png", "Flicker8k_Dataset/y.png", "Flicker8k_Dataset/z.png", "Flicker8k_Dataset/u.png"];

    /// <summary>COCO captions file for train: image 7 with two annotations, image 8 with one; annotations listed out of order.</summary>
    public const string CocoTrainCaptions = """
        {
          "info": { "description": "tiny" },
          "licenses": [],
          "images": [
            { "id": 7, "file_name": "COCO_train_7.png", "width": 1, "height": 1 },
            { "id": 8, "file_name": "COCO_train_8.png", "width": 1, "height": 1 }
          ],
          "annotations": [
            { "image_id": 8, "id": 801, "caption": "A cat on a mat." },
            { "image_id": 7, "id": 701, "caption": "A plate of food." },
            { "image_id": 7, "id": 702, "caption": "Food on a white plate." }
          ]
        }
        """;

    /// <summary>COCO captions file for val: one image with one annotation.</summary>
    public const string CocoValCaptions = """
        {"images":[{"id":9,"file_name":"COCO_val_9.png"}],"annotations":[{"image_id":9,"id":901,"caption":"A train at a station."}]}
        """;

    /// <summary>captions.jsonl: img/p.png has two captions (one with an explicit split), q.png one without a split.</summary>
    public const string CaptionsJsonl =
        """{"image": "img/p.png", "caption": "A yellow star", "split": "val"}""" + "\n" +
        """{"image": "q.png", "caption": "A purple hexagon"}""" + "\n" +
        "\n" +
        """{"image": "img/p.png", "caption": "Star shape in yellow"}""" + "\n";

    public static readonly string[] JsonlImages = ["img/p.png", "q.png"];
}
