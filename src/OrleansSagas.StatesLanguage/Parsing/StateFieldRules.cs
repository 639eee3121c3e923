using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Parsing;

/// <summary>Which fields each state type allows, per query language.</summary>
internal static class StateFieldRules
{
    private static readonly string[] Common = ["Type", "Comment", "QueryLanguage"];
    private static readonly string[] JsonPathIo = ["InputPath", "OutputPath"];
    private static readonly string[] JsonPathOnly =
    [
        "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "ItemsPath", "SecondsPath", "TimestampPath",
        "ErrorPath", "CausePath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath",
        "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "Iterator", "Result",
    ];

    private static readonly string[] JsonataOnly = ["Arguments", "Output", "Items"];

    private static readonly Dictionary<StateType, string[]> ByType = new()
    {
        [StateType.Pass] = ["Next", "End", .. JsonPathIo, "Parameters", "ResultPath", "Result", "Assign", "Output"],
        [StateType.Task] =
        [
            "Next", "End", .. JsonPathIo, "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "Resource",
            "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign",
            "Arguments", "Output",
        ],
        [StateType.Choice] = ["Choices", "Default", .. JsonPathIo, "Assign", "Output"],
        [StateType.Wait] = ["Next", "End", .. JsonPathIo, "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign", "Output"],
        [StateType.Succeed] = [.. JsonPathIo, "Output"],
        [StateType.Fail] = ["Error", "ErrorPath", "Cause", "CausePath"],
        [StateType.Parallel] =
        [
            "Next", "End", .. JsonPathIo, "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "Branches", "Assign",
            "Arguments", "Output",
        ],
        [StateType.Map] =
        [
            "Next", "End", .. JsonPathIo, "ItemsPath", "ItemSelector", "Parameters", "Iterator", "ItemProcessor", "ItemReader",
            "ItemBatcher", "ResultWriter", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
            "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
            "ResultSelector", "ResultPath", "Retry", "Catch", "Assign", "Items", "Output",
        ],
    };

    public static bool IsKnownField(string field) => Common.Contains(field) || ByType.Values.Any(fields => fields.Contains(field));

    /// <summary>Null when the field is allowed; otherwise why it is not.</summary>
    public static string? Check(StateType type, QueryLanguage language, string field)
    {
        if (Common.Contains(field))
        {
            return null;
        }

        if (!ByType[type].Contains(field))
        {
            return $"Field '{field}' is not allowed in a {type} state.";
        }

        if (language == QueryLanguage.Jsonata && JsonPathOnly.Contains(field))
        {
            return $"Field '{field}' is a JSONPath field and is not allowed in a state that uses JSONata.";
        }

        if (language == QueryLanguage.JsonPath && JsonataOnly.Contains(field))
        {
            return $"Field '{field}' is a JSONata field and is only allowed in a state that uses JSONata (QueryLanguage: \"JSONata\").";
        }

        return null;
    }
}
