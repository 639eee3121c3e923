using System.Globalization;
using System.Text.RegularExpressions;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>Numeric functions.</summary>
internal static partial class NumericFunctions
{
    public static object? Number(object? arg)
    {
        switch (arg)
        {
            case null:
                return null;
            case double d:
                return d;
            case bool b:
                return b ? 1d : 0d;
            case string s when DecimalPattern().IsMatch(s):
                var parsed = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (double.IsFinite(parsed))
                {
                    return parsed;
                }

                break;
            case string s when s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B':
                var radix = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
                try
                {
                    return (double)Convert.ToInt64(s[2..], radix);
                }
                catch (FormatException)
                {
                    break;
                }
                catch (ArgumentException)
                {
                    break;
                }
        }

        throw new JsonataException("D3030", value: arg) { ArgumentIndex = 1 };
    }

    /// <summary>Rounds half to even, at a decimal precision, shifting through the decimal text as the reference does.</summary>
    public static object? Round(object? argValue, object? precisionArg)
    {
        if (argValue is not double arg)
        {
            return null;
        }

        var precision = precisionArg is double p ? (int)p : 0;
        if (precision != 0)
        {
            arg = Shift(arg, precision);
        }

        var floor = Math.Floor(arg);
        var result = arg - floor >= 0.5 ? floor + 1 : floor;
        var diff = result - arg;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (precision != 0)
        {
            result = Shift(result, -precision);
        }

        return result == 0 ? 0d : result;
    }

    private static double Shift(double value, int places)
    {
        var text = JsNumber.ToString(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e >= 0 ? text[..e] : text;
        var exponent = e >= 0 ? int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        return double.Parse(mantissa + "e" + (exponent + places).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static object? Sqrt(object? arg)
    {
        if (arg is not double d)
        {
            return null;
        }

        if (d < 0)
        {
            throw new JsonataException("D3060", value: d) { ArgumentIndex = 1 };
        }

        return Math.Sqrt(d);
    }

    public static object? Power(object? arg, object? exp)
    {
        if (arg is not double d)
        {
            return null;
        }

        var result = Math.Pow(d, (double)exp!);
        if (!double.IsFinite(result))
        {
            throw new JsonataException("D3061", value: d, value2: exp) { ArgumentIndex = 1 };
        }

        return result;
    }

    public static object? FormatBase(object? value, object? radixArg)
    {
        if (value is null)
        {
            return null;
        }

        var number = (double)Round(value, null)!;
        var radix = radixArg is null ? 10 : (double)Round(radixArg, null)!;
        if (radix < 2 || radix > 36)
        {
            throw new JsonataException("D3100", value: radix);
        }

        return ToRadix(number, (int)radix);
    }

    private static string ToRadix(double number, int radix)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (number == 0)
        {
            return "0";
        }

        var negative = number < 0;
        var n = Math.Abs(number);
        var chars = new List<char>();
        while (n >= 1)
        {
            var digit = (int)(n % radix);
            chars.Add(Digits[digit]);
            n = Math.Floor(n / radix);
        }

        chars.Reverse();
        return (negative ? "-" : "") + new string(chars.ToArray());
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$")]
    private static partial Regex DecimalPattern();
}
