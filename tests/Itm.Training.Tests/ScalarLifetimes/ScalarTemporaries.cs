using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Itm.Training.Tests.ScalarLifetimes;

/// <summary>
/// Finds Scalars that nothing holds while libtorch reads them. TorchSharp's Scalar owns a native handle and has a
/// finalizer, and its methods pass on only that handle, so a Scalar made for one call (<c>t.div(0.1)</c>, <c>t * 0.5</c>,
/// the alpha of 1 inside <c>a + b</c>) may be finalised mid-call.
/// <para>The rule, per method body of a scanned assembly:</para>
/// <list type="number">
/// <item>A Scalar may be made (<c>Scalar.op_Implicit</c>, <c>ToScalar</c>) only inside a holder type, or straight into a
/// local that the same body disposes (<c>using var s = x.ToScalar();</c>): the dispose reads the local after the native
/// call, so the Scalar is reachable until then.</item>
/// <item>No call to a TorchSharp method that itself makes a Scalar it does not hold that way, directly or through other
/// TorchSharp methods (<c>Tensor.add(Tensor)</c>, <c>+</c> between tensors, the operators that take a number).</item>
/// </list>
/// TorchSharp's bodies are read from its own assembly, so a new release that adds or removes a temporary moves the verdict with it.
/// A virtual call (<c>optimizer.step()</c> names <c>Optimizer.step</c>) is also checked against the overrides in the TorchSharp
/// types the scanned assembly names (<c>Adam</c>); what TorchSharp itself dispatches (a module's <c>forward</c> reached
/// through <c>call</c>) is not followed, so the module forwards run per batch are checked by name in the tests.
/// </summary>
internal sealed class ScalarTemporaries
{
    private const string ImplicitPrefix = "TorchSharp.Scalar::op_Implicit(";
    private const string ToScalarPrefix = "TorchSharp.ScalarExtensionMethods::ToScalar(";

    private readonly Dictionary<string, TorchMethod> _torch = [];
    private readonly Dictionary<string, string?> _looseChain = [];
    private readonly Dictionary<string, string> _baseTypes = [];

    private sealed record TorchMethod(bool MakesLooseScalar, List<string> Callees);

    /// <summary>One body's calls, and whether each Scalar it makes goes straight into a local it disposes.</summary>
    private sealed record Body(string Type, string Method, List<string> Callees, int LooseScalars);

    public ScalarTemporaries(string torchSharpPath)
    {
        foreach (var body in Bodies(torchSharpPath))
            _torch.TryAdd(body.Method, new TorchMethod(body.LooseScalars > 0, body.Callees));

        using var pe = new PEReader(File.OpenRead(torchSharpPath));
        var reader = pe.GetMetadataReader();
        var names = new MethodNames(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            var baseType = reader.GetTypeDefinition(handle).BaseType;
            if (!baseType.IsNil)
                _baseTypes.TryAdd(names.TypeName(handle), names.TypeName(baseType));
        }
    }

    /// <summary>Why <paramref name="key"/> (a TorchSharp method) leaves a Scalar unheld, as a call chain; null when it does not.</summary>
    public string? LooseChain(string key)
    {
        if (_looseChain.TryGetValue(key, out var known))
            return known;
        _looseChain[key] = null;   // a cycle adds nothing new
        string? chain = null;
        if (_torch.TryGetValue(key, out var method))
        {
            if (method.MakesLooseScalar)
                chain = key;
            else
                foreach (var callee in method.Callees.Where(_torch.ContainsKey))
                    if (LooseChain(callee) is { } inner)
                    {
                        chain = key + " -> " + inner;
                        break;
                    }
        }
        return _looseChain[key] = chain;
    }

    /// <summary>Every breach of the rule in the assembly at <paramref name="path"/>, as "Type.Method: what".</summary>
    public IEnumerable<string> Violations(string path, IReadOnlySet<string> holderTypes)
    {
        var named = NamedTorchTypes(path);
        foreach (var body in Bodies(path))
        {
            // A holder's lambdas compile into types nested in it.
            if (holderTypes.Contains(body.Type.Split('+')[0]))
                continue;
            string where = body.Type + "." + body.Method.Split("::")[1];
            if (body.LooseScalars > 0)
                yield return $"{where}: makes {body.LooseScalars} Scalar(s) no disposed local holds";
            // A Scalar made here is counted above; the conversion itself is no further breach.
            foreach (var callee in body.Callees.Distinct().Where(callee => !MakesScalar(callee)))
                if ((LooseChain(callee) ?? LooseOverride(callee, named)) is { } chain)
                    yield return $"{where}: calls {chain}";
        }
    }

    /// <summary>The loose chain of an override of <paramref name="callee"/> in one of <paramref name="named"/> or its bases below the callee's type.</summary>
    private string? LooseOverride(string callee, IEnumerable<string> named)
    {
        string[] parts = callee.Split("::", 2);
        foreach (string type in named)
        {
            var below = new List<string>();
            for (string? t = type; t is not null && t != parts[0]; t = _baseTypes.GetValueOrDefault(t))
                below.Add(t);
            if (below.Count == 0 || !_baseTypes.ContainsKey(below[^1]) || _baseTypes[below[^1]] != parts[0])
                continue;   // not derived from the callee's type
            foreach (string t in below)
                if (LooseChain(t + "::" + parts[1]) is { } chain)
                    return $"{callee} (virtual) -> {chain}";
        }
        return null;
    }

    /// <summary>The TorchSharp types the assembly at <paramref name="path"/> refers to.</summary>
    private List<string> NamedTorchTypes(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var names = new MethodNames(reader);
        return reader.TypeReferences.Select(names.TypeName).Where(_baseTypes.ContainsKey).Distinct().ToList();
    }

    private static bool MakesScalar(string method) =>
        method.StartsWith(ImplicitPrefix, StringComparison.Ordinal) || method.StartsWith(ToScalarPrefix, StringComparison.Ordinal);

    private static List<Body> Bodies(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var names = new MethodNames(reader);
        var bodies = new List<Body>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            string type = names.TypeName(typeHandle);
            foreach (var methodHandle in reader.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                    continue;
                var il = IlInstructions.Decode(pe.GetMethodBody(method.RelativeVirtualAddress));
                var callees = new List<string>();
                int loose = 0;
                for (int i = 0; i < il.Count; i++)
                {
                    if (!il[i].IsCall)
                        continue;
                    string callee = names.Of(MetadataTokens.EntityHandle(il[i].Token));
                    callees.Add(callee);
                    if (MakesScalar(callee) && !IntoDisposedLocal(il, i, names))
                        loose++;
                }
                bodies.Add(new Body(type, names.OfDefinition(methodHandle), callees, loose));
            }
        }
        return bodies;
    }

    /// <summary>Whether the value made at <paramref name="made"/> is stored straight into a local that is later loaded for a <c>Dispose</c> call.</summary>
    private static bool IntoDisposedLocal(List<IlInstruction> il, int made, MethodNames names)
    {
        if (made + 1 >= il.Count || il[made + 1].StoredLocal is not int local)
            return false;
        for (int j = made + 2; j + 1 < il.Count; j++)
            if (il[j].LoadedLocal == local && il[j + 1].IsCall
                && names.Of(MetadataTokens.EntityHandle(il[j + 1].Token)).Contains("::Dispose()", StringComparison.Ordinal))
                return true;
        return false;
    }
}
