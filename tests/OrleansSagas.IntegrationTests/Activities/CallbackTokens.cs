using System.Collections.Concurrent;
using System.Text.Json;
using OrleansSagas.Definitions;

namespace OrleansSagas.IntegrationTests.Activities;

/// <summary>Where the callback step of the test saga hands its token: a person's inbox, in a real system.</summary>
public sealed class CallbackTokens
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _tokens = new(StringComparer.Ordinal);
    private int _handedOut;

    public int HandedOut => _handedOut;

    public void HandOut(string sagaId, string token)
    {
        Interlocked.Increment(ref _handedOut);
        Entry(sagaId).TrySetResult(token);
    }

    public Task<string> TokenOf(string sagaId) => Entry(sagaId).Task.WaitAsync(TimeSpan.FromSeconds(20));

    private TaskCompletionSource<string> Entry(string sagaId) =>
        _tokens.GetOrAdd(sagaId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>The callback step: hands out the token and returns; the saga then waits for the token.</summary>
public sealed class HandOutToken(CallbackTokens tokens) : ISagaStep<JsonElement, JsonElement>
{
    public Task<JsonElement> ExecuteAsync(JsonElement input, StepContext context)
    {
        tokens.HandOut(context.SagaId, context.TaskToken ?? throw new InvalidOperationException("A callback step must get a task token."));
        return Task.FromResult(input);
    }
}

/// <summary>A state machine task handler for "handler:publish.waitForTaskToken": hands out the token found in its input.</summary>
public sealed class PublishToken(CallbackTokens tokens) : OrleansSagas.StatesLanguage.Hosting.IStateMachineTaskHandler
{
    public Task<JsonElement> InvokeAsync(JsonElement input, StepContext context)
    {
        // The token reaches the handler twice: in its input through $$.Task.Token, and in the context.
        var fromInput = input.GetProperty("token").GetString();
        if (fromInput != context.TaskToken) throw new InvalidOperationException("The token of the input is not the context's.");
        tokens.HandOut(context.SagaId, fromInput!);
        return Task.FromResult(input);
    }
}
