namespace OrleansSagas.Hosting;

/// <summary>Names the runtime uses for Orleans providers.</summary>
public static class SagaStorageNames
{
    /// <summary>The grain storage provider saga state is written to ; register a grain storage provider by this name (the ADO.NET set-up does).</summary>
    public const string Default = "sagas";
}
