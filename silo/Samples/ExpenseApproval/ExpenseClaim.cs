namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>The input of an expense-approval saga.</summary>
/// <param name="Employee">Who claims.</param>
/// <param name="Amount">How much.</param>
/// <param name="Description">What for.</param>
public sealed record ExpenseClaim(string Employee, decimal Amount, string Description);
