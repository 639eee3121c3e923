namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$formatInteger and $parseInteger: XPath fn:format-integer pictures.</summary>
internal static class IntegerFormatter
{
    public static object? Format(object? value, object? picture) => throw new NotImplementedException();

    public static object? Parse(object? value, object? picture) => throw new NotImplementedException();
}
