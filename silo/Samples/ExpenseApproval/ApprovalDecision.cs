namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>The payload of the "approve" signal.</summary>
/// <param name="Approved">True to pay the claim, false to reject it (the saga then unwinds).</param>
/// <param name="Approver">Who decided.</param>
public sealed record ApprovalDecision(bool Approved, string? Approver = null);
