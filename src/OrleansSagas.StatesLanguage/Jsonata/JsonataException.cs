using OrleansSagas.StatesLanguage.Jsonata.Evaluation;

namespace OrleansSagas.StatesLanguage.Jsonata;

/// <summary>
/// A JSONata syntax or evaluation error, with the language's error code (S… syntax, T… type, D… dynamic) and the
/// position in the expression where it was raised.
/// </summary>
public sealed class JsonataException : Exception
{
    internal JsonataException(string code, int? position = null, string? token = null, object? value = null, object? value2 = null, string? detail = null)
        : base(code)
    {
        Code = code;
        Position = position;
        Token = token;
        Value = value;
        Value2 = value2;
        Detail = detail;
    }

    /// <summary>The JSONata error code, such as "T2001" or "D3030".</summary>
    public string Code { get; }

    /// <summary>The character offset in the expression where the error was raised, when known.</summary>
    public int? Position { get; internal set; }

    /// <summary>The token (operator or function name) the error relates to, when known.</summary>
    public string? Token { get; internal set; }

    /// <summary>The reference implementation's message for this error.</summary>
    public override string Message => ErrorMessages.Format(this);

    internal object? Value { get; }

    internal object? Value2 { get; }

    /// <summary>Free text carried by some errors ($error's message, the argument index, a function name).</summary>
    internal string? Detail { get; }

    internal int? ArgumentIndex { get; init; }

    /// <summary>
    /// Records where the error surfaced; used in exception filters (it returns false) so that the stack is not
    /// unwound and rethrown at every level of a deep recursion.
    /// </summary>
    internal bool Locate(int position, string? token, bool overwrite)
    {
        if (overwrite)
        {
            Position = position;
            Token = token;
        }
        else
        {
            Position ??= position;
            Token ??= token;
        }

        return false;
    }
}
