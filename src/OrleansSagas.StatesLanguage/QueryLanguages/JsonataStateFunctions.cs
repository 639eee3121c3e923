using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.DataFlow;
using OrleansSagas.StatesLanguage.Jsonata;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.QueryLanguages;

/// <summary>
/// The functions Step Functions adds to JSONata: $partition, $range, $hash, $random (with an optional seed), $uuid
/// and $parse. Randomness comes from the state's deterministic source, so a replay gives the same values. $eval is
/// not available in Step Functions ($parse replaces it), so it is hidden.
/// </summary>
internal static class JsonataStateFunctions
{
    /// <summary>The functions, shared by every evaluation; the state's random source is the evaluation's host state.</summary>
    public static IReadOnlyDictionary<string, object?> Bindings { get; } = new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["partition"] = new NativeFunction("partition", 2, (_, a) => Partition(a[0], a[1]), "<an:a>"),
        ["range"] = new NativeFunction("range", 3, (_, a) => Range(a[0], a[1], a[2]), "<nnn:a>"),
        ["hash"] = new NativeFunction("hash", 2, (_, a) => Hash(a[0], a[1]), "<s-s:s>"),
        ["random"] = new NativeFunction("random", 1, (c, a) => a[0] is null ? RandomOf(c).NextDouble() : Seeded(a[0]), "<j?:n>"),
        ["uuid"] = new NativeFunction("uuid", 0, (c, _) => RandomOf(c).NextUuid().ToString(), "<:s>"),
        ["parse"] = new NativeFunction("parse", 1, (_, a) => Parse(a[0]), "<s-:j>"),
        ["eval"] = null,
    };

    private static DeterministicRandom RandomOf(Jsonata.Evaluation.CallContext context) => (DeterministicRandom)context.Evaluator.Options.HostState!;

    private static JsonataArray Partition(object? array, object? size)
    {
        var items = (JsonataArray)array!;
        var chunk = (double)size!;
        if (chunk <= 0 || Math.Floor(chunk) != chunk)
        {
            throw new JsonataException("D3030", value: size);
        }

        var result = new JsonataArray();
        for (var i = 0; i < items.Count; i += (int)chunk)
        {
            result.Add(new JsonataArray(items.Skip(i).Take((int)chunk)));
        }

        return result;
    }

    private static JsonataArray Range(object? start, object? end, object? step)
    {
        double from = (double)start!, to = (double)end!, by = (double)step!;
        if (by == 0 || Math.Abs((to - from) / by) > 1000)
        {
            throw new JsonataException("D2014", value: (to - from) / by);
        }

        var result = JsonataArray.Sequence();
        for (var value = from; by > 0 ? value <= to : value >= to; value += by)
        {
            result.Add(value);
        }

        return result;
    }

    private static string Hash(object? data, object? algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes((string)data!);
        var hash = ((string)algorithm!).ToUpperInvariant() switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            _ => throw new JsonataException("D3030", value: algorithm),
        };
        return Convert.ToHexStringLower(hash);
    }

    private static double Seeded(object? seed) => DeterministicRandom.Fraction("jsonata-random:" + JsonStringifier.Stringify(seed, false));

    private static object? Parse(object? text)
    {
        try
        {
            return ValueConverter.FromNode(JsonNode.Parse((string)text!));
        }
        catch (JsonException)
        {
            throw new JsonataException("D3030", value: text);
        }
    }
}
