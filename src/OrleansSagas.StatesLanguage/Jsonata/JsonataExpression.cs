using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.Jsonata.Evaluation;
using OrleansSagas.StatesLanguage.Jsonata.Functions;
using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata;

/// <summary>
/// A parsed JSONata 2.x expression. Parse once, evaluate many times: the tree is immutable and evaluations are
/// independent, so one instance may be shared between threads.
/// </summary>
public sealed class JsonataExpression
{
    private static readonly Lazy<Frame> StaticFrame = new(BuiltinLibrary.CreateStaticFrame);
    private readonly Node _ast;

    private JsonataExpression(string source, Node ast)
    {
        Source = source;
        _ast = ast;
    }

    /// <summary>The expression text.</summary>
    public string Source { get; }

    /// <summary>Parses an expression; a syntax error throws a <see cref="JsonataException"/> with an S0xxx code.</summary>
    public static JsonataExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new JsonataExpression(expression, Parser.Parse(expression));
    }

    /// <summary>Evaluates the expression against an input document (a null node is JSON null).</summary>
    public JsonataResult Evaluate(JsonNode? input, IReadOnlyDictionary<string, JsonNode?>? bindings = null, JsonataOptions? options = null)
    {
        var values = bindings?.ToDictionary(b => b.Key, b => (object?)ValueConverter.FromNode(b.Value), StringComparer.Ordinal);
        var result = EvaluateValue(ValueConverter.FromNode(input), values, options);
        return result is null ? JsonataResult.Undefined : new JsonataResult(ValueConverter.ToNode(result));
    }

    /// <summary>Evaluates against an internal value (null: undefined input).</summary>
    internal object? EvaluateValue(object? input, IReadOnlyDictionary<string, object?>? bindings, JsonataOptions? options)
    {
        options ??= JsonataOptions.Default;
        var statics = options.VariableResolver is { } resolver ? new Frame(StaticFrame.Value, resolver) : StaticFrame.Value;
        var environment = new Frame(statics);
        if (options.HostBindings is not null)
        {
            foreach (var (name, value) in options.HostBindings)
            {
                environment.Bind(name, value);
            }
        }

        var exec = new Frame(environment);
        if (bindings is not null)
        {
            foreach (var (name, value) in bindings)
            {
                exec.Bind(name, value);
            }
        }

        exec.Bind("$", input);
        if (input is JsonataArray { IsSequence: false } array)
        {
            var wrapper = JsonataArray.Sequence(array);
            wrapper.OuterWrapper = true;
            input = wrapper;
        }

        try
        {
            return new Evaluator(options).Evaluate(_ast, input, exec);
        }
        catch (InvalidCastException ex)
        {
            // Only reachable through calls that skip signature checks, such as partially applied built-ins.
            throw new JsonataException("T0410", detail: ex.Message) { ArgumentIndex = 1 };
        }
        catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or OverflowException or FormatException
            or KeyNotFoundException or System.Text.RegularExpressions.RegexMatchTimeoutException or NullReferenceException)
        {
            throw new JsonataException("D3000", value: ex.Message);
        }
    }
}
