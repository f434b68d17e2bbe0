using System.Buffers.Binary;
using System.Text;

namespace Itm.Model.Onnx;

/// <summary>Protocol Buffers wire types (the low three bits of a field's tag).</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}

/// <summary>One field as it sits in the buffer: its number, wire type, value, and its complete encoding for verbatim copies.</summary>
internal readonly ref struct ProtoField
{
    public ProtoField(int number, WireType wireType, ulong scalar, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> encoded)
    {
        Number = number;
        WireType = wireType;
        Scalar = scalar;
        Payload = payload;
        Encoded = encoded;
    }

    public int Number { get; }

    public WireType WireType { get; }

    /// <summary>The value of a varint or fixed-width field (fixed32/64 as raw little-endian bits).</summary>
    public ulong Scalar { get; }

    /// <summary>The bytes of a length-delimited field (a string, a nested message or a packed array).</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Tag, length and value exactly as read, so untouched fields are copied bit for bit.</summary>
    public ReadOnlySpan<byte> Encoded { get; }

    public string PayloadString => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// A forward-only reader for the protobuf wire format: just enough to walk an ONNX file's nesting without a
/// generated schema (Google.Protobuf and the ONNX .proto are not dependencies of itm).
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public ProtoReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public bool TryRead(out ProtoField field)
    {
        if (_position >= _buffer.Length)
        {
            field = default;
            return false;
        }

        var start = _position;
        var tag = ReadVarint();
        var number = checked((int)(tag >> 3));
        var wireType = (WireType)(tag & 7);
        ulong scalar = 0;
        ReadOnlySpan<byte> payload = default;
        switch (wireType)
        {
            case WireType.Varint:
                scalar = ReadVarint();
                break;
            case WireType.Fixed64:
                scalar = BinaryPrimitives.ReadUInt64LittleEndian(Take(8));
                break;
            case WireType.Fixed32:
                scalar = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
                break;
            case WireType.LengthDelimited:
                payload = Take(checked((int)ReadVarint()));
                break;
            default:
                // Groups (3, 4) were deprecated before ONNX existed; anything else means the bytes are not protobuf.
                throw new InvalidDataException($"Unsupported protobuf wire type {(int)wireType} at byte {start}.");
        }

        if (number == 0)
        {
            throw new InvalidDataException($"Invalid protobuf field number 0 at byte {start}.");
        }

        field = new ProtoField(number, wireType, scalar, payload, _buffer[start.._position]);
        return true;
    }

    /// <summary>Decodes a packed repeated varint payload (for example TensorProto.dims or int64_data).</summary>
    public static List<long> ReadPackedVarints(ReadOnlySpan<byte> payload)
    {
        var values = new List<long>();
        var reader = new ProtoReader(payload);
        while (reader._position < payload.Length)
        {
            values.Add((long)reader.ReadVarint());
        }

        return values;
    }

    /// <summary>The first length-delimited field <paramref name="number"/> of a message as a string, or empty when it has none.</summary>
    public static string FindString(ReadOnlySpan<byte> message, int number)
    {
        var reader = new ProtoReader(message);
        while (reader.TryRead(out var field))
        {
            if (field.Number == number && field.WireType == WireType.LengthDelimited)
            {
                return field.PayloadString;
            }
        }

        return string.Empty;
    }

    /// <summary>The first varint field <paramref name="number"/> of a message (int64 two's complement restored), or null when it has none.</summary>
    public static long? FindVarint(ReadOnlySpan<byte> message, int number)
    {
        var reader = new ProtoReader(message);
        while (reader.TryRead(out var field))
        {
            if (field.Number == number && field.WireType == WireType.Varint)
            {
                return (long)field.Scalar;
            }
        }

        return null;
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _buffer.Length)
            {
                throw new InvalidDataException("The protobuf data ends inside a varint (the file is truncated).");
            }

            var b = _buffer[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("A protobuf varint is longer than 10 bytes.");
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _buffer.Length)
        {
            throw new InvalidDataException($"A protobuf field claims {count} bytes but only {_buffer.Length - _position} remain (the file is truncated).");
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}

/// <summary>Writes protobuf fields; nested messages are built in their own writer and written as bytes, which re-encodes their lengths.</summary>
internal sealed class ProtoWriter
{
    private readonly MemoryStream _stream;

    public ProtoWriter(int capacity = 256) => _stream = new MemoryStream(capacity);

    public void WriteRaw(ReadOnlySpan<byte> encodedField) => _stream.Write(encodedField);

    public void WriteVarint(int number, ulong value)
    {
        WriteTag(number, WireType.Varint);
        WriteVarint(value);
    }

    /// <summary>A fixed32 field, such as a float (its IEEE bits, little-endian).</summary>
    public void WriteFixed32(int number, uint value)
    {
        WriteTag(number, WireType.Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        _stream.Write(bytes);
    }

    public void WriteBytes(int number, ReadOnlySpan<byte> payload)
    {
        WriteTag(number, WireType.LengthDelimited);
        WriteVarint((ulong)payload.Length);
        _stream.Write(payload);
    }

    public void WriteString(int number, string value) => WriteBytes(number, Encoding.UTF8.GetBytes(value));

    public void WriteMessage(int number, ProtoWriter message) => WriteBytes(number, message.AsSpan());

    public ReadOnlySpan<byte> AsSpan() => _stream.GetBuffer().AsSpan(0, (int)_stream.Length);

    public byte[] ToArray() => _stream.ToArray();

    /// <summary>A bare varint with no tag: one element of a packed repeated field.</summary>
    public void WriteRawVarint(ulong value) => WriteVarint(value);

    private void WriteTag(int number, WireType wireType) => WriteVarint(((ulong)number << 3) | (ulong)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        _stream.WriteByte((byte)value);
    }
}
