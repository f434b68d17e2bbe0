using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace Itm.Training.Tests.ScalarLifetimes;

/// <summary>One IL instruction: its opcode and, for calls, the method token; for local loads and stores, the local's index.</summary>
internal readonly record struct IlInstruction(OpCode OpCode, int Token, int Local)
{
    public bool IsCall => OpCode == OpCodes.Call || OpCode == OpCodes.Callvirt || OpCode == OpCodes.Newobj
        || OpCode == OpCodes.Ldftn || OpCode == OpCodes.Ldvirtftn;   // a delegate's target runs as surely as a call

    public int? StoredLocal => OpCode.Value switch
    {
        0x0A or 0x0B or 0x0C or 0x0D => OpCode.Value - 0x0A,   // stloc.0 .. stloc.3
        _ when OpCode == OpCodes.Stloc_S || OpCode == OpCodes.Stloc => Local,
        _ => null,
    };

    public int? LoadedLocal => OpCode.Value switch
    {
        0x06 or 0x07 or 0x08 or 0x09 => OpCode.Value - 0x06,   // ldloc.0 .. ldloc.3
        _ when OpCode == OpCodes.Ldloc_S || OpCode == OpCodes.Ldloc => Local,
        _ => null,
    };
}

/// <summary>Decodes a method body's IL into instructions (enough of ECMA-335 III to find calls and locals).</summary>
internal static class IlInstructions
{
    private static readonly Dictionary<short, OpCode> ByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(op => op.Value);

    public static List<IlInstruction> Decode(MethodBodyBlock body)
    {
        var il = body.GetILReader();
        var instructions = new List<IlInstruction>();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            var op = ByValue[value];
            int token = 0, local = 0;
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI: il.ReadByte(); break;
                case OperandType.ShortInlineVar: local = il.ReadByte(); break;
                case OperandType.InlineVar: local = il.ReadUInt16(); break;
                case OperandType.InlineMethod: token = il.ReadInt32(); break;
                case OperandType.InlineI8 or OperandType.InlineR: il.ReadInt64(); break;
                case OperandType.InlineSwitch:
                    int targets = il.ReadInt32();   // read before Offset: `Offset += 4 * ReadInt32()` would add to the old offset
                    il.Offset += 4 * targets;
                    break;
                default: il.ReadInt32(); break;   // the other inline operands are all 4 bytes
            }
            instructions.Add(new IlInstruction(op, token, local));
        }
        return instructions;
    }
}
