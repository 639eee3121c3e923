namespace OrleansSagas.StatesLanguage.Hosting;

/// <summary>The type of a registered state machine, as Step Functions' CreateStateMachine takes it.</summary>
public enum StateMachineType
{
    /// <summary>A standard workflow: execution ids <c>…:execution:&lt;machine&gt;:&lt;name&gt;</c>. The default.</summary>
    Standard,

    /// <summary>An express workflow: execution ids <c>…:express:&lt;machine&gt;:&lt;name&gt;:&lt;uuid&gt;</c> in the context object.</summary>
    Express,
}
