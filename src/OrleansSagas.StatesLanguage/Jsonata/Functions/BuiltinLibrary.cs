using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>The built-in functions, with the reference implementation's signatures and declared parameter counts.</summary>
internal static class BuiltinLibrary
{
    private static readonly Lazy<IReadOnlyList<NativeFunction>> All = new(Create);

    public static Frame CreateStaticFrame()
    {
        var frame = new Frame(null);
        foreach (var function in All.Value)
        {
            frame.Bind(function.Name, function);
        }

        return frame;
    }

    private static NativeFunction F(string name, int arity, string? signature, NativeImplementation impl) => new(name, arity, impl, signature);

    private static List<NativeFunction> Create() =>
    [
        F("sum", 1, "<a<n>:n>", (_, a) => ArrayFunctions.Sum(a[0])),
        F("count", 1, "<a:n>", (_, a) => ArrayFunctions.Count(a[0])),
        F("max", 1, "<a<n>:n>", (_, a) => ArrayFunctions.Max(a[0])),
        F("min", 1, "<a<n>:n>", (_, a) => ArrayFunctions.Min(a[0])),
        F("average", 1, "<a<n>:n>", (_, a) => ArrayFunctions.Average(a[0])),
        F("string", 1, "<x-b?:s>", (_, a) => StringFunctions.String(a[0], a.Length > 1 && a[1] is true)),
        F("substring", 3, "<s-nn?:s>", (_, a) => StringFunctions.Substring(a[0], a[1], a[2])),
        F("substringBefore", 2, "<s-s:s>", (_, a) => StringFunctions.SubstringBefore(a[0], a[1])),
        F("substringAfter", 2, "<s-s:s>", (_, a) => StringFunctions.SubstringAfter(a[0], a[1])),
        F("lowercase", 1, "<s-:s>", (_, a) => (a[0] as string)?.ToLowerInvariant()),
        F("uppercase", 1, "<s-:s>", (_, a) => (a[0] as string)?.ToUpperInvariant()),
        F("length", 1, "<s-:n>", (_, a) => StringFunctions.Length(a[0])),
        F("trim", 1, "<s-:s>", (_, a) => StringFunctions.Trim(a[0])),
        F("pad", 3, "<s-ns?:s>", (_, a) => StringFunctions.Pad(a[0], a[1], a[2])),
        F("match", 3, "<s-f<s:o>n?:a<o>>", (c, a) => RegexFunctions.Match(c, a[0], a[1], a[2])),
        F("contains", 2, "<s-(sf):b>", (c, a) => RegexFunctions.Contains(c, a[0], a[1])),
        F("replace", 4, "<s-(sf)(sf)n?:s>", (c, a) => RegexFunctions.Replace(c, a[0], a[1], a[2], a[3])),
        F("split", 3, "<s-(sf)n?:a<s>>", (c, a) => RegexFunctions.Split(c, a[0], a[1], a[2])),
        F("join", 2, "<a<s>s?:s>", (_, a) => StringFunctions.Join(a[0], a[1])),
        F("formatNumber", 3, "<n-so?:s>", (_, a) => NumberFormatter.Format(a[0], a[1], a[2])),
        F("formatBase", 2, "<n-n?:s>", (_, a) => NumericFunctions.FormatBase(a[0], a[1])),
        F("formatInteger", 2, "<n-s:s>", (_, a) => IntegerFormatter.Format(a[0], a[1])),
        F("parseInteger", 2, "<s-s:n>", (_, a) => IntegerFormatter.Parse(a[0], a[1])),
        F("number", 1, "<(nsb)-:n>", (_, a) => NumericFunctions.Number(a[0])),
        F("floor", 1, "<n-:n>", (_, a) => a[0] is double d ? Math.Floor(d) : null),
        F("ceil", 1, "<n-:n>", (_, a) => a[0] is double d ? Math.Ceiling(d) : null),
        F("round", 2, "<n-n?:n>", (_, a) => NumericFunctions.Round(a[0], a[1])),
        F("abs", 1, "<n-:n>", (_, a) => a[0] is double d ? Math.Abs(d) : null),
        F("sqrt", 1, "<n-:n>", (_, a) => NumericFunctions.Sqrt(a[0])),
        F("power", 2, "<n-n:n>", (_, a) => NumericFunctions.Power(a[0], a[1])),
        F("random", 0, "<:n>", (c, _) => c.Evaluator.NextRandom()),
        F("boolean", 1, "<x-:b>", (_, a) => ValueOps.ToBoolean(a[0])),
        F("not", 1, "<x-:b>", (_, a) => a[0] is null ? null : !ValueOps.IsTrue(a[0])),
        F("map", 2, "<af>", (c, a) => HigherOrderFunctions.Map(c, a[0], a[1])),
        F("zip", 0, "<a+>", (_, a) => ArrayFunctions.Zip(a)),
        F("filter", 2, "<af>", (c, a) => HigherOrderFunctions.Filter(c, a[0], a[1])),
        F("single", 2, "<af?>", (c, a) => HigherOrderFunctions.Single(c, a[0], a[1])),
        F("reduce", 3, "<afj?:j>", (c, a) => HigherOrderFunctions.Reduce(c, a[0], a[1], a[2])),
        F("sift", 2, "<o-f?:o>", (c, a) => ObjectFunctions.Sift(c, a[0], a[1])),
        F("keys", 1, "<x-:a<s>>", (_, a) => ObjectFunctions.Keys(a[0])),
        F("lookup", 2, "<x-s:x>", (_, a) => Evaluator.Lookup(a[0], (string)a[1]!)),
        F("append", 2, "<xx:a>", (_, a) => ValueOps.Append(a[0], a[1])),
        F("exists", 1, "<x:b>", (_, a) => a[0] is not null),
        F("spread", 1, "<x-:a<o>>", (_, a) => ObjectFunctions.Spread(a[0])),
        F("merge", 1, "<a<o>:o>", (_, a) => ObjectFunctions.Merge(a[0])),
        F("reverse", 1, "<a:a>", (_, a) => ArrayFunctions.Reverse(a[0])),
        F("each", 2, "<o-f:a>", (c, a) => ObjectFunctions.Each(c, a[0], a[1])),
        F("error", 1, "<s?:x>", (_, a) => ObjectFunctions.Error(a[0])),
        F("assert", 2, "<bs?:x>", (_, a) => ObjectFunctions.Assert(a[0], a[1])),
        F("type", 1, "<x:s>", (_, a) => ValueOps.TypeOf(a[0])),
        F("sort", 2, "<af?:a>", (c, a) => ArrayFunctions.Sort(c, a[0], a[1])),
        F("shuffle", 1, "<a:a>", (c, a) => ArrayFunctions.Shuffle(c, a[0])),
        F("distinct", 1, "<x:x>", (_, a) => ArrayFunctions.Distinct(a[0])),
        F("base64encode", 1, "<s-:s>", (_, a) => StringFunctions.Base64Encode(a[0])),
        F("base64decode", 1, "<s-:s>", (_, a) => StringFunctions.Base64Decode(a[0])),
        F("encodeUrlComponent", 1, "<s-:s>", (_, a) => UrlFunctions.Encode(a[0], true, "encodeUrlComponent")),
        F("encodeUrl", 1, "<s-:s>", (_, a) => UrlFunctions.Encode(a[0], false, "encodeUrl")),
        F("decodeUrlComponent", 1, "<s-:s>", (_, a) => UrlFunctions.Decode(a[0], true, "decodeUrlComponent")),
        F("decodeUrl", 1, "<s-:s>", (_, a) => UrlFunctions.Decode(a[0], false, "decodeUrl")),
        F("eval", 2, "<sx?:x>", Eval),
        F("toMillis", 2, "<s-s?:n>", (c, a) => DateTimeFunctions.ToMillis(c, a[0], a[1])),
        F("fromMillis", 3, "<n-s?s?:s>", (_, a) => DateTimeFunctions.FromMillis(a[0], a[1], a[2])),
        F("clone", 1, "<(oa)-:o>", (_, a) => ObjectFunctions.Clone(a[0])),
        F("now", 2, "<s?s?:s>", (c, a) => DateTimeFunctions.FromMillis((double)c.Evaluator.NowMillis, a[0], a[1])),
        F("millis", 0, "<:n>", (c, _) => (double)c.Evaluator.NowMillis),
    ];

    private static object? Eval(CallContext context, object?[] args)
    {
        if (args[0] is not string expression)
        {
            return null;
        }

        var input = context.Input;
        if (args.Length > 1 && args[1] is not null)
        {
            input = args[1];
            if (input is JsonataArray { IsSequence: false } array)
            {
                var wrapper = JsonataArray.Sequence(array);
                wrapper.OuterWrapper = true;
                input = wrapper;
            }
        }

        Node ast;
        try
        {
            ast = Parser.Parse(expression);
        }
        catch (JsonataException ex)
        {
            throw new JsonataException("D3120", value: ex.Message);
        }

        try
        {
            return context.Evaluator.Evaluate(ast, input, context.Environment);
        }
        catch (JsonataException ex)
        {
            throw new JsonataException("D3121", value: ex.Message);
        }
    }
}
