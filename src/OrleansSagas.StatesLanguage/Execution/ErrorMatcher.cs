using OrleansSagas.StatesLanguage.Errors;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Whether an ErrorEquals list matches an error name, with the States Language's wildcard rules.</summary>
internal static class ErrorMatcher
{
    public static bool Matches(IReadOnlyList<string> errorEquals, string error)
    {
        // States.Runtime is never retried or caught: it always fails the execution.
        if (error == AslErrorNames.Runtime)
        {
            return false;
        }

        foreach (var name in errorEquals)
        {
            if (name == error)
            {
                return true;
            }

            // DataLimitExceeded is terminal: only an explicit name matches it, never a wildcard.
            if (error == AslErrorNames.DataLimitExceeded)
            {
                continue;
            }

            if (name == AslErrorNames.All)
            {
                return true;
            }

            if (name == AslErrorNames.TaskFailed && error != AslErrorNames.Timeout)
            {
                return true;
            }
        }

        return false;
    }
}
