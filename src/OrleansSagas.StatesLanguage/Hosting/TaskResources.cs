using System.Text.Json;
using OrleansSagas.Engine.Commands;

namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>
/// What a Task's Resource asks the runtime to do: "activity:&lt;name&gt;" or an activity ARN
/// ("arn:aws:states:&lt;region&gt;:&lt;account&gt;:activity:&lt;name&gt;") puts the task on that activity's queue for workers;
/// a resource ending in ".waitForTaskToken" runs its handler, which hands out $$.Task.Token, then waits for the token;
/// "handler:&lt;name&gt;" runs a registered handler in the silo.
/// </summary>
internal static class TaskResources
{
    public const string WaitForTaskTokenSuffix = ".waitForTaskToken";
    private const string ActivityPrefix = "activity:";

    public static RunAction Command(string taskId, int attempt, JsonElement input, string resource, string? token, DateTimeOffset? timeoutAt) =>
        new(taskId, attempt, input, new Dictionary<string, JsonElement>())
        {
            Resource = resource,
            Activity = ActivityOf(resource),
            WaitForTaskToken = resource.EndsWith(WaitForTaskTokenSuffix, StringComparison.Ordinal),
            TaskToken = token,
            TimeoutAt = timeoutAt,
        };

    /// <summary>The activity name of an activity resource; null for any other resource.</summary>
    public static string? ActivityOf(string resource)
    {
        if (resource.StartsWith(ActivityPrefix, StringComparison.Ordinal)) return resource[ActivityPrefix.Length..];
        // arn:aws:states:<region>:<account>:activity:<name>
        var parts = resource.Split(':');
        return parts is ["arn", _, "states", _, _, "activity", var name] ? name : null;
    }

    public static string WithoutWaitSuffix(string resource) =>
        resource.EndsWith(WaitForTaskTokenSuffix, StringComparison.Ordinal) ? resource[..^WaitForTaskTokenSuffix.Length] : resource;
}
