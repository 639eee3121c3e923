namespace OrleansSagas.StatesLanguage.Hosting;

internal static class AslRunStateCodec
{
    public static string Serialize(AslRunState state) => throw new NotImplementedException();
    public static AslRunState Deserialize(string json) => throw new NotImplementedException();
}
