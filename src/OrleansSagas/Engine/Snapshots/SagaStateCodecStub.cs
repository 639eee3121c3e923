namespace OrleansSagas.Engine.Snapshots;

internal static class SagaStateCodec
{
    public static string Serialize(SagaState state) => throw new NotImplementedException();
    public static SagaState Deserialize(string json) => throw new NotImplementedException();
}
