using System.Text;

namespace Itm.Model.Tests.Onnx;

/// <summary>
/// Hand-encodes a two-node ONNX model, independently of the production protobuf code, so a rewrite test does not
/// check that code against itself: x [1, 4] → Reshape(shape = [1, 2, 2]) → y → Add(bias [2, 2]) → z [1, 2, 2].
/// </summary>
internal static class TinyOnnx
{
    public static readonly float[] Bias = [10f, 20f, 30f, 40f];

    public static byte[] ReshapeThenAdd()
    {
        var reshape = Message(
            Bytes(1, "x"), Bytes(1, "shape"), Bytes(2, "y"), Bytes(3, "reshape"), Bytes(4, "Reshape"));
        var add = Message(
            Bytes(1, "y"), Bytes(1, "bias"), Bytes(2, "z"), Bytes(3, "add"), Bytes(4, "Add"));
        var shape = Message(
            Varint(1, 3), Varint(2, 7), Bytes(8, "shape"),
            Bytes(9, [.. BitConverter.GetBytes(1L), .. BitConverter.GetBytes(2L), .. BitConverter.GetBytes(2L)]));
        var bias = Message(
            Varint(1, 2), Varint(1, 2), Varint(2, 1), Bytes(8, "bias"),
            Bytes(4, Bias.SelectMany(BitConverter.GetBytes).ToArray()));   // packed float_data rather than raw_data
        var graph = Message(
            Bytes(1, reshape), Bytes(1, add), Bytes(2, "tiny"), Bytes(5, shape), Bytes(5, bias),
            Bytes(11, ValueInfo("x", 1, 4)), Bytes(12, ValueInfo("z", 1, 2, 2)), Bytes(13, ValueInfo("y", 1, 2, 2)));
        var opset = Message(Bytes(1, ""), Varint(2, 13));
        return Message(Varint(1, 7), Bytes(2, "itm-tests"), Bytes(7, graph), Bytes(8, opset));
    }

    private static byte[] ValueInfo(string name, params long[] dims)
    {
        var shape = Message(dims.Select(d => Bytes(1, Message(Varint(1, (ulong)d)))).ToArray());
        var tensorType = Message(Varint(1, 1), Bytes(2, shape));
        return Message(Bytes(1, name), Bytes(2, Message(Bytes(1, tensorType))));
    }

    private static byte[] Message(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    private static byte[] Varint(int field, ulong value) => [.. Raw((ulong)field << 3), .. Raw(value)];

    private static byte[] Bytes(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => [.. Raw(((ulong)field << 3) | 2), .. Raw((ulong)value.Length), .. value];

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }
}
