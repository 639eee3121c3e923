using OrleansSagas.StatesLanguage.Jsonata.Evaluation;

namespace OrleansSagas.StatesLanguage.Jsonata.Functions;

/// <summary>$fromMillis and $toMillis.</summary>
internal static class DateTimeFunctions
{
    public static object? FromMillis(object? millis, object? picture, object? timezone) =>
        millis is double d ? DateTimeFormatter.Format(d, picture as string, timezone as string) : null;

    public static object? ToMillis(CallContext context, object? timestamp, object? picture)
    {
        if (timestamp is not string s)
        {
            return null;
        }

        return picture is string p ? DateTimeParser.Parse(s, p, context.Evaluator.NowMillis) : DateTimeParser.ParseIso(s);
    }
}
