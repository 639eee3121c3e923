using System.Diagnostics;
using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Jsonata;

namespace OrleansSagas.StatesLanguage.Tests.Jsonata;

/// <summary>Hostile expressions stop quickly with a depth, size or time error instead of hanging or crashing.</summary>
public sealed class JsonataGuardrailTests
{
    private static JsonataException Fails(string expression, JsonataOptions options)
    {
        var parsed = JsonataExpression.Parse(expression);
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<JsonataException>(() => parsed.Evaluate(new JsonObject(), options: options));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        return error;
    }

    [Fact]
    public void Infinite_recursion_stops_at_the_depth_limit()
    {
        var error = Fails("($f := function($n){ $n + $f($n + 1) }; $f(0))", new JsonataOptions { MaxDepth = 200 });
        Assert.Equal("D1011", error.Code);
    }

    [Fact]
    public void Infinite_recursion_without_a_depth_limit_stops_before_the_stack_overflows()
    {
        var error = Fails("($f := function($n){ $n + $f($n + 1) }; $f(0))", new JsonataOptions());
        Assert.Equal("D1011", error.Code);
    }

    [Fact]
    public void An_endless_tail_call_loop_stops_at_the_time_limit()
    {
        var error = Fails("($loop := function($n){ $loop($n + 1) }; $loop(0))", new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(200) });
        Assert.Equal("D1012", error.Code);
    }

    [Fact]
    public void A_huge_range_is_refused_before_allocation()
    {
        var error = Fails("[1..10000000000]", new JsonataOptions());
        Assert.Equal("D2014", error.Code);
    }

    [Fact]
    public void A_long_computation_stops_at_the_time_limit()
    {
        var error = Fails("$sum([1..10000000].($ * 2))", new JsonataOptions { TimeLimit = TimeSpan.FromMilliseconds(100) });
        Assert.Equal("D1012", error.Code);
    }
}
