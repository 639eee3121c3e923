using System.Runtime.CompilerServices;
using OrleansSagas.StatesLanguage.Hosting;

namespace OrleansSagas.StatesLanguage.Tests.Execution.Snapshots;

/// <summary>
/// Snapshots of running state machines are stored: one written today must load in every later version. The
/// committed fixtures pin the format; a change that cannot read them (or writes them differently) breaks stored runs.
/// </summary>
public sealed class AslRunStateFixtureTests
{
    // Set to regenerate the fixtures from AslRunStateFixtures (only for a deliberate, backward-compatible change).
    private const string UpdateVariable = "UPDATE_SNAPSHOT_FIXTURES";

    public static TheoryData<string> Names => [.. AslRunStateFixtures.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_committed_fixture_loads_and_serializes_back_to_the_same_text(string name)
    {
        var stored = File.ReadAllText(Fixture(name));

        var reserialized = AslRunStateCodec.Serialize(AslRunStateCodec.Deserialize(stored));

        Assert.Equal(AslRunStateFixtures.Compact(stored), reserialized);
        Assert.Equal(stored.ReplaceLineEndings("\n"), AslRunStateFixtures.Indent(reserialized));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_committed_fixture_continues_like_the_run_it_was_taken_from(string name)
    {
        var definition = name switch
        {
            "map-in-flight" => SnapshotMachines.Definition("orders", SnapshotMachines.Orders),
            "parallel-waiting" => SnapshotMachines.Definition("busy", SnapshotMachines.Busy),
            _ => SnapshotMachines.Definition("nested", SnapshotMachines.Nested),
        };

        var stored = AslRunStateCodec.Deserialize(File.ReadAllText(Fixture(name)));

        AslSnapshotProbes.AssertRoundTrips(definition, stored, [], Machines.T0.AddMinutes(1));
    }

    [Fact]
    public void Every_fixture_file_is_checked()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Fixture("any"))!, "*.json").Select(Path.GetFileNameWithoutExtension);

        Assert.Equal(AslRunStateFixtures.Names.Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_interpreter_still_reaches_the_state_of_each_fixture(string name)
    {
        var generated = AslRunStateFixtures.Indent(AslRunStateCodec.Serialize(AslRunStateFixtures.Generate(name)));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") File.WriteAllText(SourceFixture(name), generated);

        var stored = File.ReadAllText(Fixture(name)).ReplaceLineEndings("\n");

        Assert.True(stored == generated,
            $"The interpreter no longer produces fixture {name}.json. If stored runs still load, regenerate with {UpdateVariable}=1; now:\n{generated}");
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Execution", "Snapshots", "Fixtures", $"{name}.json");

    private static string SourceFixture(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Fixtures", $"{name}.json");
}
