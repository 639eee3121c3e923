using OrleansSagas.Definitions;
using OrleansSagas.Tests.Engine.Support;

namespace OrleansSagas.Tests.Definitions;

public class SagaBuilderValidationTests
{
    [Fact]
    public void A_valid_definition_builds_a_graph_in_topological_order()
    {
        var graph = new SagaBuilder("ok", version: 3)
            .Step<NoopStep>("c", n => n.After("b").ReadsOutputOf("a"))
            .Step<NoopStep>("a")
            .Step<NoopStep>("b", n => n.After("a").InputFrom("a"))
            .Build();

        Assert.Equal(["a", "b", "c"], graph.Order);
        Assert.Equal(3, graph.Version);
        Assert.Equal(["a", "b"], graph.AncestorsOf("c").Order());
        Assert.Equal(["c"], graph.Leaves);
    }

    [Fact]
    public void A_cycle_is_reported_on_every_node_in_it()
    {
        var problems = Problems(new SagaBuilder("cyclic")
            .Step<NoopStep>("start")
            .Step<NoopStep>("a", n => n.After("start", "c"))
            .Step<NoopStep>("b", n => n.After("a"))
            .Step<NoopStep>("c", n => n.After("b")));

        Assert.Equal(["a", "b", "c"], problems.Where(p => p.Message.Contains("cycle", StringComparison.Ordinal)).Select(p => p.Node).Order());
        Assert.DoesNotContain(problems, p => p.Node == "start");
    }

    [Fact]
    public void A_node_depending_on_itself_is_reported()
    {
        var problem = Assert.Single(Problems(new SagaBuilder("self").Step<NoopStep>("a", n => n.After("a"))));

        Assert.Equal("a", problem.Node);
        Assert.Contains("itself", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_name_is_reported()
    {
        var problem = Assert.Single(Problems(new SagaBuilder("dup").Step<NoopStep>("a").Constant("a", 1)));

        Assert.Equal("a", problem.Node);
        Assert.Contains("Duplicate", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_dependency_is_reported()
    {
        var problem = Assert.Single(Problems(new SagaBuilder("unknown").Step<NoopStep>("a", n => n.After("ghost"))));

        Assert.Equal("a", problem.Node);
        Assert.Contains("ghost", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_the_output_of_a_node_that_is_not_an_ancestor_is_reported()
    {
        var problems = Problems(new SagaBuilder("reads")
            .Step<NoopStep>("a")
            .Step<NoopStep>("b")
            .Step<NoopStep>("c", n => n.After("a").ReadsOutputOf("b"))
            .Step<NoopStep>("d", n => n.After("a").InputFrom("b"))
            .ChildSaga("e", "child", n => n.InputFrom("a"))
            .Step<NoopStep>("f", n => n.ReadsOutputOf("nowhere")));

        Assert.Equal(["c", "d", "e", "f"], problems.Select(p => p.Node).Order());
        Assert.All(problems.Where(p => p.Node != "f"), p => Assert.Contains("not an ancestor", p.Message, StringComparison.Ordinal));
        Assert.Contains("unknown node 'nowhere'", problems.Single(p => p.Node == "f").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_saga_is_reported()
    {
        var problem = Assert.Single(Problems(new SagaBuilder("empty")));

        Assert.Equal("empty", problem.Node);
        Assert.Contains("no nodes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_retrier_values_are_reported_for_actions_and_undos()
    {
        var problems = Problems(new SagaBuilder("retry")
            .Step<NoopStep>("a", n => n
                .Retry(new Retrier { ErrorEquals = [], MaxAttempts = -1, BackoffRate = 0.5, Interval = TimeSpan.FromSeconds(-1), MaxDelay = TimeSpan.Zero })
                .WithUndo<NoopUndo>()
                .RetryUndo(new Retrier { MaxAttempts = -2 })));

        var forAction = problems.Where(p => p.Node == "a").Select(p => p.Message).ToList();
        Assert.Equal(5, forAction.Count);
        Assert.Contains(forAction, m => m.Contains("at least one error", StringComparison.Ordinal));
        Assert.Contains(forAction, m => m.Contains("MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(forAction, m => m.Contains("BackoffRate", StringComparison.Ordinal));
        Assert.Contains(forAction, m => m.Contains("Interval", StringComparison.Ordinal));
        Assert.Contains(forAction, m => m.Contains("MaxDelay", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Node == "a (undo)" && p.Message.Contains("MaxAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_timeouts_waits_and_handlers_are_reported_with_their_node()
    {
        var problems = Problems(new SagaBuilder("misc")
            .Step<NoopStep>("t", n => n.Timeout(TimeSpan.Zero))
            .Delay("d", TimeSpan.FromSeconds(-1))
            .WaitForSignal("s", "", TimeSpan.FromSeconds(-1))
            .ChildSaga("c", " ")
            .Step<NoopUndo>("not-a-step")
            .Step<NoopStep>("bad-undo", n => n.WithUndo<NoopStep>())
            .OutputFrom("missing")
            .Timeout(TimeSpan.Zero));

        Assert.Equal(["bad-undo", "c", "d", "misc", "misc", "not-a-step", "s", "s", "t"], problems.Select(p => p.Node).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_a_node_kind_cannot_honour_are_reported_instead_of_ignored()
    {
        var problems = Problems(new SagaBuilder("ignored")
            .Step<NoopStep>("a")
            .Constant("k", 1, n => n.WithUndo<NoopUndo>().InputFrom("a").After("a"))
            .Delay("d", TimeSpan.FromSeconds(1), n => n.RetryUndo(new Retrier()))
            .WaitForSignal("s", "go", configure: n => n.Timeout(TimeSpan.FromSeconds(5)))
            .ChildSaga("c", "child", n => n.Timeout(TimeSpan.FromSeconds(5))));

        Assert.Equal(["c", "d", "k", "k", "s"], problems.Select(p => p.Node).Order(StringComparer.Ordinal));
        Assert.Contains("WaitForSignal a timeout", problems.Single(p => p.Node == "s").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_in_the_exception_message()
    {
        var error = Assert.Throws<SagaDefinitionException>(() => new SagaBuilder("many")
            .Step<NoopStep>("a", n => n.After("x"))
            .Step<NoopStep>("a")
            .Build());

        Assert.Equal("many", error.Definition);
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("a: Unknown dependency 'x'.", error.Message, StringComparison.Ordinal);
        Assert.Contains("a: Duplicate node name 'a'.", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<DefinitionProblem> Problems(SagaBuilder builder) =>
        Assert.Throws<SagaDefinitionException>(builder.Build).Problems;
}
