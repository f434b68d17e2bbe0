using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Itm.Training.Tests.ScalarLifetimes;

/// <summary>
/// Names a method the same way whether a body calls it through a reference into another assembly or defines it:
/// <c>Namespace.Outer+Inner::name(param types)</c>, generic arguments of the declaring type dropped, so a call site and the
/// callee's definition meet on one key.
/// </summary>
internal sealed class MethodNames(MetadataReader reader) : ISignatureTypeProvider<string, object?>
{
    public string Of(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => OfDefinition((MethodDefinitionHandle)handle),
        HandleKind.MemberReference => OfReference((MemberReferenceHandle)handle),
        HandleKind.MethodSpecification => Of(reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
        _ => "?",
    };

    public string OfDefinition(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return Key(TypeName(method.GetDeclaringType()), reader.GetString(method.Name), method.DecodeSignature(this, null).ParameterTypes);
    }

    /// <summary>The declaring type of a definition, nesting included.</summary>
    public string TypeName(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        string name = reader.GetString(type.Name);
        return declaring.IsNil ? Qualified(reader.GetString(type.Namespace), name) : TypeName(declaring) + "+" + name;
    }

    /// <summary>A type named in a signature or as a base type, generic arguments dropped.</summary>
    public string TypeName(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => TypeName((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => StripGenericArguments(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null)),
        _ => "?",
    };

    private string OfReference(MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        if (member.GetKind() != MemberReferenceKind.Method)
            return "?";
        string declaring = member.Parent.Kind switch
        {
            HandleKind.TypeReference => TypeName((TypeReferenceHandle)member.Parent),
            HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)member.Parent),
            HandleKind.TypeSpecification => StripGenericArguments(
                reader.GetTypeSpecification((TypeSpecificationHandle)member.Parent).DecodeSignature(this, null)),
            _ => "?",
        };
        return Key(declaring, reader.GetString(member.Name), member.DecodeMethodSignature(this, null).ParameterTypes);
    }

    public string TypeName(TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? TypeName((TypeReferenceHandle)type.ResolutionScope) + "+" + name
            : Qualified(reader.GetString(type.Namespace), name);
    }

    private static string Key(string type, string name, ImmutableArray<string> parameters) =>
        $"{type}::{name}({string.Join(",", parameters)})";

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

    private static string StripGenericArguments(string type) => type.Split('<')[0];

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
    public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(handle);
    public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(handle);
    public string GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, context);
    public string GetSZArrayType(string elementType) => elementType + "[]";
    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
    public string GetByReferenceType(string elementType) => elementType + "&";
    public string GetPointerType(string elementType) => elementType + "*";
    public string GetPinnedType(string elementType) => elementType;
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        genericType + "<" + string.Join(",", typeArguments) + ">";
    public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
    public string GetGenericTypeParameter(object? context, int index) => "!" + index;
    public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
}
