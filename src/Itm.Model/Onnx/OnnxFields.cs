namespace Itm.Model.Onnx;

/// <summary>
/// Field numbers of onnx/onnx.proto (stable since IR version 1), and the enum values itm writes, for the schema-less
/// reader and writer (<see cref="ProtoReader"/>, <see cref="ProtoWriter"/>): one list for every file that reads or writes ONNX.
/// </summary>
internal static class OnnxFields
{
    public const int AttributeFloat = 2;
    public const int AttributeFloats = 7;
    public const int AttributeInt = 3;
    public const int AttributeInts = 8;
    public const int AttributeName = 1;
    public const int AttributeString = 4;
    public const int AttributeType = 20;
    public const int AttributeTypeFloat = 1;
    public const int AttributeTypeInt = 2;
    public const int AttributeTypeInts = 7;
    public const int AttributeTypeString = 3;
    public const int DataTypeFloat = 1;
    public const int DataTypeInt64 = 7;
    public const int DimParam = 2;
    public const int DimValue = 1;
    public const int EntryKey = 1;
    public const int EntryValue = 2;
    public const int GraphInitializer = 5;
    public const int GraphInput = 11;
    public const int GraphName = 2;
    public const int GraphNode = 1;
    public const int GraphOutput = 12;
    public const int GraphValueInfo = 13;
    public const int ModelDocString = 6;
    public const int ModelGraph = 7;
    public const int ModelIrVersion = 1;
    public const int ModelMetadata = 14;
    public const int ModelOpsetImport = 8;
    public const int ModelProducerName = 2;
    public const int ModelProducerVersion = 3;
    public const int NodeAttribute = 5;
    public const int NodeDomain = 7;
    public const int NodeInput = 1;
    public const int NodeName = 3;
    public const int NodeOpType = 4;
    public const int NodeOutput = 2;
    public const int OpsetDomain = 1;
    public const int OpsetVersion = 2;
    public const int ShapeDim = 1;
    public const int TensorDataLocation = 14;
    public const int TensorDataType = 2;
    public const int TensorDims = 1;
    public const int TensorFloatData = 4;
    public const int TensorInt64Data = 7;
    public const int TensorName = 8;
    public const int TensorRawData = 9;
    public const int TensorTypeElemType = 1;
    public const int TensorTypeShape = 2;
    public const int TypeTensor = 1;
    public const int ValueInfoDoc = 3;
    public const int ValueInfoName = 1;
    public const int ValueInfoType = 2;
}
