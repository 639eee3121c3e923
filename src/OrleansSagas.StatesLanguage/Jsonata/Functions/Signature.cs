using System.Text;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>
/// A function signature such as "&lt;s-nn?:s&gt;": checks argument types, fills a missing first argument from the
/// context ("-") and wraps single values where an array is expected.
/// </summary>
internal sealed class Signature
{
    private readonly List<Param> _params;
    private readonly Regex _regex;

    private Signature(string definition, List<Param> parameters)
    {
        Definition = definition;
        _params = parameters;
        _regex = new Regex("^" + string.Concat(parameters.Select(p => "(" + p.Regex + ")")) + "$", RegexOptions.CultureInvariant);
    }

    public string Definition { get; }

    public static Signature Parse(string signature)
    {
        var position = 1;
        var parameters = new List<Param>();
        var param = new Param();
        var prev = param;
        while (position < signature.Length)
        {
            var symbol = signature[position];
            if (symbol == ':')
            {
                break;
            }

            void Next()
            {
                parameters.Add(param);
                prev = param;
                param = new Param();
            }

            switch (symbol)
            {
                case 's' or 'n' or 'b' or 'l' or 'o':
                    param.Regex = "[" + symbol + "m]";
                    param.Type = symbol.ToString();
                    Next();
                    break;
                case 'a':
                    param.Regex = "[asnblfom]";
                    param.Type = "a";
                    Next();
                    break;
                case 'f':
                    param.Regex = "f";
                    param.Type = "f";
                    Next();
                    break;
                case 'j':
                    param.Regex = "[asnblom]";
                    param.Type = "j";
                    Next();
                    break;
                case 'x':
                    param.Regex = "[asnblfom]";
                    param.Type = "x";
                    Next();
                    break;
                case '-':
                    prev.Context = true;
                    prev.ContextRegex = new Regex("^" + prev.Regex, RegexOptions.CultureInvariant);
                    prev.Regex += "?";
                    break;
                case '?' or '+':
                    prev.Regex += symbol;
                    break;
                case '(':
                    var endParen = ClosingBracket(signature, position, '(', ')');
                    var choice = signature[(position + 1)..endParen];
                    if (choice.Contains('<', StringComparison.Ordinal))
                    {
                        throw new JsonataException("S0402", position, value: choice);
                    }

                    param.Regex = "[" + choice + "m]";
                    param.Type = "(" + choice + ")";
                    position = endParen;
                    Next();
                    break;
                case '<':
                    if (prev.Type is "a" or "f")
                    {
                        var endPos = ClosingBracket(signature, position, '<', '>');
                        prev.Subtype = signature[(position + 1)..endPos];
                        position = endPos;
                    }
                    else
                    {
                        throw new JsonataException("S0401", position, value: prev.Type);
                    }

                    break;
            }

            position++;
        }

        return new Signature(signature, parameters);
    }

    public static char SymbolOf(object? value) => value switch
    {
        JsonataFunction => 'f',
        string => 's',
        double => 'n',
        bool => 'b',
        JsonataNull => 'l',
        JsonataArray => 'a',
        JsonataObject => 'o',
        _ => 'm',
    };

    /// <summary>Checks the arguments and returns them as the function receives them.</summary>
    public object?[] Validate(IReadOnlyList<object?> args, object? context)
    {
        var supplied = new StringBuilder(args.Count);
        foreach (var arg in args)
        {
            supplied.Append(SymbolOf(arg));
        }

        var suppliedSig = supplied.ToString();
        var match = _regex.Match(suppliedSig);
        if (!match.Success)
        {
            throw ValidationError(args, suppliedSig);
        }

        var validated = new List<object?>();
        var argIndex = 0;
        for (var index = 0; index < _params.Count; index++)
        {
            var param = _params[index];
            var matched = match.Groups[index + 1].Value;
            if (matched.Length == 0)
            {
                if (param.Context && param.ContextRegex is not null)
                {
                    var contextType = SymbolOf(context).ToString();
                    if (param.ContextRegex.IsMatch(contextType))
                    {
                        validated.Add(context);
                    }
                    else
                    {
                        throw new JsonataException("T0411", value: context) { ArgumentIndex = argIndex + 1 };
                    }
                }
                else
                {
                    validated.Add(argIndex < args.Count ? args[argIndex] : null);
                    argIndex++;
                }

                continue;
            }

            foreach (var single in matched)
            {
                var arg = argIndex < args.Count ? args[argIndex] : null;
                if (param.Type == "a")
                {
                    if (single == 'm')
                    {
                        arg = null;
                    }
                    else
                    {
                        CheckArrayType(param, single, matched, arg, argIndex);
                        if (single != 'a')
                        {
                            arg = new JsonataArray { arg };
                        }
                    }
                }

                validated.Add(arg);
                argIndex++;
            }
        }

        return [.. validated];
    }

    private static void CheckArrayType(Param param, char single, string matched, object? arg, int argIndex)
    {
        if (param.Subtype is null)
        {
            return;
        }

        var ok = true;
        if (single != 'a' && matched != param.Subtype)
        {
            ok = false;
        }
        else if (single == 'a' && arg is JsonataArray array && array.Count > 0)
        {
            var itemType = SymbolOf(array[0]);
            ok = itemType == param.Subtype[0] && array.All(v => SymbolOf(v) == itemType);
        }

        if (!ok)
        {
            throw new JsonataException("T0412", value: arg, detail: ArrayTypeName(param.Subtype)) { ArgumentIndex = argIndex + 1 };
        }
    }

    private static string ArrayTypeName(string subtype) => subtype switch
    {
        "a" => "arrays",
        "b" => "booleans",
        "f" => "functions",
        "n" => "numbers",
        "o" => "objects",
        "s" => "strings",
        _ => subtype,
    };

    private JsonataException ValidationError(IReadOnlyList<object?> args, string suppliedSig)
    {
        var partial = "^";
        var goodTo = 0;
        foreach (var param in _params)
        {
            partial += param.Regex;
            var m = Regex.Match(suppliedSig, partial);
            if (!m.Success)
            {
                break;
            }

            goodTo = m.Length;
        }

        return new JsonataException("T0410", value: goodTo < args.Count ? args[goodTo] : null) { ArgumentIndex = goodTo + 1 };
    }

    private static int ClosingBracket(string text, int start, char open, char close)
    {
        var depth = 1;
        var position = start;
        while (position < text.Length)
        {
            position++;
            if (position >= text.Length)
            {
                break;
            }

            var symbol = text[position];
            if (symbol == close)
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (symbol == open)
            {
                depth++;
            }
        }

        return position;
    }

    private sealed class Param
    {
        public string Regex { get; set; } = "";

        public string Type { get; set; } = "";

        public string? Subtype { get; set; }

        public bool Context { get; set; }

        public Regex? ContextRegex { get; set; }
    }
}
