namespace OrleansSagas.IntegrationTests.SiloProcesses;

/// <summary>Tests that start silo processes run one at a time, so two cores are not shared by several process start-ups.</summary>
[CollectionDefinition(Name)]
public sealed class SiloProcessCollection
{
    public const string Name = "silo processes";
}
