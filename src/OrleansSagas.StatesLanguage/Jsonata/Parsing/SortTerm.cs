namespace OrleansSagas.StatesLanguage.Jsonata.Parsing;

/// <summary>One term of an order-by clause.</summary>
internal sealed record SortTerm(bool Descending, Node Expression);
