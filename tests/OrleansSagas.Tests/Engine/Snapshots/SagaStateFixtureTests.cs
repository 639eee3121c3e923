using System.Runtime.CompilerServices;
using OrleansSagas.Engine.Snapshots;

namespace OrleansSagas.Tests.Engine.Snapshots;

/// <summary>
/// Snapshots of running sagas are stored: a state written today must load in every later version. The committed
/// fixtures pin the format; a change that cannot read them (or writes them differently) breaks stored sagas.
/// </summary>
public class SagaStateFixtureTests
{
    // Set to regenerate the fixtures from SagaStateFixtures (only for a deliberate, backward-compatible change).
    private const string UpdateVariable = "UPDATE_SNAPSHOT_FIXTURES";

    public static TheoryData<string> Names => [.. SagaStateFixtures.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_committed_fixture_loads_and_serializes_back_to_the_same_text(string name)
    {
        var stored = File.ReadAllText(Fixture(name));

        var reserialized = SagaStateCodec.Serialize(SagaStateCodec.Deserialize(stored));

        Assert.Equal(SagaStateFixtures.Compact(stored), reserialized);
        Assert.Equal(stored.ReplaceLineEndings("\n"), SagaStateFixtures.Indent(reserialized));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_committed_fixture_continues_like_the_saga_it_was_taken_from(string name)
    {
        var graph = SagaStateFixtures.Generate(name).Graph;

        var stored = SagaStateCodec.Deserialize(File.ReadAllText(Fixture(name)));

        SnapshotProbes.AssertRoundTrips(graph, stored, [], stored.UpdatedAt.AddMinutes(1));
    }

    [Fact]
    public void Every_fixture_file_is_checked()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Fixture("any"))!, "*.json")
            .Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(SagaStateFixtures.Names.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_engine_still_reaches_the_state_of_each_fixture(string name)
    {
        var generated = SagaStateFixtures.Indent(SagaStateCodec.Serialize(SagaStateFixtures.Generate(name).State));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") File.WriteAllText(SourceFixture(name), generated);

        var stored = File.ReadAllText(Fixture(name)).ReplaceLineEndings("\n");

        Assert.True(stored == generated,
            $"The engine no longer produces fixture {name}.json. If stored states still load, regenerate with {UpdateVariable}=1; diff:\n{generated}");
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Engine", "Snapshots", "Fixtures", $"{name}.json");

    private static string SourceFixture(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", $"{name}.json");
}
