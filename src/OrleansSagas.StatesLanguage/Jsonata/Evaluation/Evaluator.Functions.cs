using OrleansSagas.StatesLanguage.Jsonata.Parsing;
using OrleansSagas.StatesLanguage.Jsonata.Values;

namespace OrleansSagas.StatesLanguage.Jsonata.Evaluation;

/// <summary>Function calls, lambdas, partial application, the chain operator and the tail-call trampoline.</summary>
internal sealed partial class Evaluator
{
    private static readonly Lazy<Node> ChainAst = new(() => Parser.Parse("function($f, $g) { function($x){ $g($f($x)) } }"));

    private object? EvaluateFunction(Node expr, object? input, Frame environment, object? applyTo, bool hasApplyTo = false)
    {
        var proc = Evaluate(expr.Procedure!, input, environment);
        if (proc is null && expr.Procedure!.Type == "path" && environment.Lookup((string)expr.Procedure.Steps![0].Value!) is not null)
        {
            throw new JsonataException("T1005", expr.Position, (string)expr.Procedure.Steps[0].Value!);
        }

        var args = new List<object?>();
        if (hasApplyTo)
        {
            args.Add(applyTo);
        }

        foreach (var argument in expr.Arguments!)
        {
            args.Add(Evaluate(argument, input, environment));
        }

        var procName = expr.Procedure!.Type == "path" ? expr.Procedure.Steps![0].Value as string : expr.Procedure.Value as string;
        try
        {
            return Apply(proc, args, input, environment);
        }
        catch (JsonataException ex) when (ex.Locate(expr.Position, procName, overwrite: false))
        {
            throw;
        }
    }

    /// <summary>Applies a function and unwinds any tail calls it returns.</summary>
    public object? Apply(object? proc, IReadOnlyList<object?> args, object? input, Frame environment)
    {
        var result = ApplyInner(proc, args, input, environment);
        while (result is LambdaFunction { Thunk: true } thunk)
        {
            var call = thunk.Body;
            var next = Evaluate(call.Procedure!, thunk.Input, thunk.Environment);
            var evaluatedArgs = new List<object?>(call.Arguments!.Count);
            foreach (var argument in call.Arguments)
            {
                evaluatedArgs.Add(Evaluate(argument, thunk.Input, thunk.Environment));
            }

            try
            {
                result = ApplyInner(next, evaluatedArgs, input, environment);
            }
            catch (JsonataException ex) when (ex.Locate(call.Procedure!.Position, call.Procedure.Value as string, overwrite: false))
            {
                throw;
            }
        }

        return result;
    }

    private object? ApplyInner(object? proc, IReadOnlyList<object?> args, object? input, Frame environment)
    {
        var validated = proc is JsonataFunction { Signature: { } signature } ? signature.Validate(args, input) : [.. args];
        switch (proc)
        {
            case LambdaFunction lambda:
                return ApplyLambda(lambda, validated);
            case NativeFunction native:
                return native.Implementation(new CallContext(this, environment, input), Pad(validated, native.DeclaredArity));
            case PartialNativeFunction partial:
                var merged = new object?[Math.Max(partial.Bound.Length, partial.Native.DeclaredArity)];
                var next = 0;
                for (var i = 0; i < merged.Length; i++)
                {
                    var bound = i < partial.Bound.Length ? partial.Bound[i] : null;
                    merged[i] = ReferenceEquals(bound, PartialNativeFunction.Placeholder) ? (next < validated.Length ? validated[next++] : null) : bound;
                }

                return partial.Native.Implementation(new CallContext(this, environment, input), merged);
            case RegexMatcher matcher:
                return matcher.Match(validated.Length > 0 ? validated[0] as string : null, validated.Length > 1 && validated[1] is double d ? (int)d : 0);
            default:
                throw new JsonataException("T1006");
        }
    }

    private static object?[] Pad(object?[] args, int arity) => args.Length >= arity ? args : [.. args, .. new object?[arity - args.Length]];

    private object? ApplyLambda(LambdaFunction lambda, object?[] args)
    {
        var env = new Frame(lambda.Environment);
        for (var i = 0; i < lambda.Parameters.Count; i++)
        {
            env.Bind(lambda.Parameters[i], i < args.Length ? args[i] : null);
        }

        return Evaluate(lambda.Body, lambda.Input, env);
    }

    private static LambdaFunction EvaluateLambda(Node expr, object? input, Frame environment) => new()
    {
        Input = input,
        Environment = environment,
        Parameters = expr.Arguments!.Select(a => (string)a.Value!).ToList(),
        Signature = expr.Signature,
        Body = expr.Body!,
        Thunk = expr.Thunk,
    };

    private object? EvaluatePartialApplication(Node expr, object? input, Frame environment)
    {
        var args = new List<object?>();
        foreach (var arg in expr.Arguments!)
        {
            args.Add(arg is { Type: "operator", Value: "?" } ? PartialNativeFunction.Placeholder : Evaluate(arg, input, environment));
        }

        var proc = Evaluate(expr.Procedure!, input, environment);
        if (proc is null && expr.Procedure!.Type == "path" && environment.Lookup((string)expr.Procedure.Steps![0].Value!) is not null)
        {
            throw new JsonataException("T1007", expr.Position, (string)expr.Procedure.Steps[0].Value!);
        }

        switch (proc)
        {
            case LambdaFunction lambda:
                var env = new Frame(lambda.Environment);
                var unbound = new List<string>();
                for (var i = 0; i < lambda.Parameters.Count; i++)
                {
                    var arg = i < args.Count ? args[i] : null;
                    if (ReferenceEquals(arg, PartialNativeFunction.Placeholder))
                    {
                        unbound.Add(lambda.Parameters[i]);
                    }
                    else
                    {
                        env.Bind(lambda.Parameters[i], arg);
                    }
                }

                return new LambdaFunction { Input = lambda.Input, Environment = env, Parameters = unbound, Body = lambda.Body };
            case NativeFunction native:
                return new PartialNativeFunction { Native = native, Bound = [.. args] };
            case PartialNativeFunction partial:
                var bound = (object?[])partial.Bound.Clone();
                var next = 0;
                for (var i = 0; i < bound.Length && next < args.Count; i++)
                {
                    if (ReferenceEquals(bound[i], PartialNativeFunction.Placeholder))
                    {
                        bound[i] = args[next++];
                    }
                }

                return new PartialNativeFunction { Native = partial.Native, Bound = bound };
            default:
                throw new JsonataException("T1008", expr.Position,
                    expr.Procedure!.Type == "path" ? expr.Procedure.Steps![0].Value as string : expr.Procedure.Value as string);
        }
    }

    private object? EvaluateApply(Node expr, object? input, Frame environment)
    {
        var lhs = Evaluate(expr.Lhs!, input, environment);
        if (expr.Rhs!.Type == "function")
        {
            return EvaluateFunction(expr.Rhs, input, environment, lhs, hasApplyTo: true);
        }

        var func = Evaluate(expr.Rhs, input, environment);
        if (func is not JsonataFunction)
        {
            throw new JsonataException("T2006", expr.Position, value: func);
        }

        if (lhs is JsonataFunction)
        {
            var chain = Evaluate(ChainAst.Value, null, environment);
            return Apply(chain, [lhs, func], null, environment);
        }

        return Apply(func, [lhs], null, environment);
    }
}
