namespace OrleansSagas.IntegrationTests.SiloProcesses;

/// <summary>
/// Tests that start silo processes or in-process clusters on real databases run one at a time, so two cores are not
/// shared by several start-ups and failure detection is timed on a machine that is not also running another cluster.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SiloProcessCollection
{
    public const string Name = "silo processes";
}
