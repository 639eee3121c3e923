namespace OrleansSagas.Definitions;

/// <summary>The rule for activity names, shared by definitions, the worker API and state machine resources.</summary>
public static class ActivityNames
{
    /// <summary>The longest activity name.</summary>
    public const int MaxLength = 80;

    /// <summary>Why <paramref name="name"/> is not a valid activity name, or null when it is (1–80 letters, digits, '-', '_' or '.').</summary>
    public static string? Problem(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxLength || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            ? $"The activity name must be 1–{MaxLength} letters, digits, '-', '_' or '.' (was '{name}')."
            : null;
}
