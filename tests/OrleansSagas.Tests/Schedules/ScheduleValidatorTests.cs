using OrleansSagas.Schedules;

namespace OrleansSagas.Tests.Schedules;

public sealed class ScheduleValidatorTests
{
    private static List<ScheduleProblem> Validate(ScheduleSpec spec, string name = "nightly") => ScheduleValidator.Validate(name, spec, 256 * 1024);

    [Fact]
    public void A_valid_schedule_has_no_problems()
    {
        Assert.Empty(Validate(new ScheduleSpec { Definition = "d", Cron = "30 2 * * *", TimeZone = "Europe/Berlin", Input = SagaJson.Parse("""{"a":1}""") }));
        Assert.Empty(Validate(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromSeconds(5), Jitter = TimeSpan.FromSeconds(1), MaxRuns = 3 }));
    }

    [Fact]
    public void Every_problem_is_listed_with_its_field()
    {
        var problems = Validate(new ScheduleSpec
        {
            Definition = " ",
            Cron = "61 * * * *",
            TimeZone = "Mars/Olympus",
            Input = SagaJson.Parse("[1]"),
            CatchUpWindow = TimeSpan.Zero,
            Jitter = TimeSpan.FromSeconds(-1),
            MaxRuns = 0,
            StartAt = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            EndAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }, name: "bad name");

        Assert.Equal(["name", "definition", "input", "cron", "timeZone", "catchUpWindow", "jitter", "maxRuns", "endAt"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("* * * *", "4 field(s)")]
    [InlineData("* * * * * * *", "7 field(s)")]
    [InlineData("0 25 * * *", "invalid")]
    public void A_cron_expression_needs_five_or_six_valid_fields(string cron, string message) =>
        Assert.Contains(message, Assert.Single(Validate(new ScheduleSpec { Definition = "d", Cron = cron }), p => p.Field == "cron").Message, StringComparison.Ordinal);

    [Fact]
    public void Exactly_one_of_cron_and_every_and_a_jitter_shorter_than_the_interval()
    {
        Assert.Equal("cron", Assert.Single(Validate(new ScheduleSpec { Definition = "d" })).Field);
        Assert.Equal("every", Assert.Single(Validate(new ScheduleSpec { Definition = "d", Cron = "* * * * *", Every = TimeSpan.FromMinutes(1) })).Field);
        Assert.Equal("every", Assert.Single(Validate(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromMilliseconds(500) })).Field);
        Assert.Equal("jitter", Assert.Single(Validate(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromSeconds(5), Jitter = TimeSpan.FromSeconds(5) })).Field);
    }

    [Fact]
    public void The_input_must_not_carry_the_properties_each_run_adds()
    {
        var problem = Assert.Single(Validate(new ScheduleSpec { Definition = "d", Every = TimeSpan.FromMinutes(1), Input = SagaJson.Parse("""{"scheduledAt":"x"}""") }));
        Assert.Equal("input", problem.Field);
        Assert.Contains("scheduledAt", problem.Message, StringComparison.Ordinal);
    }
}
