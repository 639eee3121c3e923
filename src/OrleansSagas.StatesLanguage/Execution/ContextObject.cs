using System.Globalization;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Json;
using OrleansSagas.StatesLanguage.Model;

namespace OrleansSagas.StatesLanguage.Execution;

/// <summary>Builds the context object ($$) a state sees.</summary>
internal static class ContextObject
{
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Build(AslExecutionState s, FrameState frame, StateNode state, string? taskToken = null, (int Index, JsonNode? Value)? mapItem = null)
    {
        var execution = new JsonObject
        {
            ["Id"] = s.ExecutionId,
            ["Input"] = JsonNodes.Clone(s.Input),
            ["StartTime"] = FormatTime(s.StartTime),
            ["Name"] = s.ExecutionName,
        };
        if (s.RoleArn is not null)
        {
            execution["RoleArn"] = s.RoleArn;
        }

        // Redrive is not supported, so the count is always 0 (Step Functions reports it for express executions too).
        execution["RedriveCount"] = 0;

        var stateInfo = new JsonObject { ["Name"] = state.Name, ["EnteredTime"] = FormatTime(frame.EnteredTime) };
        if (state.Type is StateType.Task or StateType.Map or StateType.Parallel)
        {
            // Step Functions only reports RetryCount for states that can retry.
            stateInfo["RetryCount"] = frame.RetryCount;
        }

        var context = new JsonObject
        {
            ["Execution"] = execution,
            ["StateMachine"] = new JsonObject { ["Id"] = s.StateMachineId, ["Name"] = s.StateMachineName },
            ["State"] = stateInfo,
        };
        if (taskToken is not null)
        {
            context["Task"] = new JsonObject { ["Token"] = taskToken };
        }

        if (mapItem is { } item)
        {
            context["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = item.Index, ["Value"] = JsonNodes.Clone(item.Value) } };
        }

        return context;
    }
}
