namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$fromMillis and $toMillis.</summary>
internal static class DateTimeFunctions
{
    public static object? FromMillis(object? millis, object? picture, object? timezone) => throw new NotImplementedException();

    public static object? ToMillis(object? timestamp, object? picture) => throw new NotImplementedException();
}
