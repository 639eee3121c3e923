namespace OrleansSagas.IntegrationTests.Cluster;

/// <summary>The input of the cluster test sagas: who pays, and how long the trip saga waits.</summary>
public sealed record ClusterTrip(string Customer, double WaitSeconds = 0);
