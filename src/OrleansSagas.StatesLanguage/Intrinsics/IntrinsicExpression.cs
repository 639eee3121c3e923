using System.Text.Json.Nodes;
using OrleansSagas.StatesLanguage.JsonPath;

namespace OrleansSagas.StatesLanguage.Intrinsics;

/// <summary>An argument of an intrinsic function call.</summary>
internal abstract record IntrinsicArgument;

/// <summary>A literal: string (single-quoted), number, boolean or null.</summary>
/// <param name="Value">The value with escapes resolved.</param>
/// <param name="RawText">For strings, the text between the quotes with escapes kept (States.Format needs to tell \{ from {).</param>
internal sealed record LiteralArgument(JsonNode? Value, string? RawText) : IntrinsicArgument;

/// <summary>A JSONPath ($, $$ or $variable) resolved at evaluation time.</summary>
internal sealed record PathArgument(JsonPathExpression Path) : IntrinsicArgument;

/// <summary>A nested call.</summary>
internal sealed record CallArgument(IntrinsicCall Call) : IntrinsicArgument;

/// <summary>States.Name(arg, ...).</summary>
internal sealed record IntrinsicCall(string Name, IReadOnlyList<IntrinsicArgument> Arguments, string Text);
