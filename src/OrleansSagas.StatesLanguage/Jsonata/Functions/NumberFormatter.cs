namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$formatNumber: XPath fn:format-number pictures.</summary>
internal static class NumberFormatter
{
    public static object? Format(object? value, object? picture, object? options) => throw new NotImplementedException();
}
