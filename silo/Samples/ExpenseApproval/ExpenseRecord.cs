namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>The output of record-expense and pay-expense.</summary>
/// <param name="Reference">The ledger reference (the same on every re-run of the step).</param>
public sealed record ExpenseRecord(string Reference);
