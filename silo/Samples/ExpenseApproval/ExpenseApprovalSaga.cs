using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>
/// The expense-approval saga: record the claim, wait durably (up to a week) for the "approve" signal, then pay
/// or, when rejected or never approved, void the claim.
/// </summary>
public static class ExpenseApprovalSaga
{
    /// <summary>The definition name.</summary>
    public const string Name = "expense-approval";

    /// <summary>The signal that decides the claim; its payload is an <see cref="ApprovalDecision"/>.</summary>
    public const string ApproveSignal = "approve";

    /// <summary>Node names.</summary>
    public const string RecordExpense = "record-expense", Approval = "approval", PayExpense = "pay-expense";

    /// <summary>Builds the definition.</summary>
    public static SagaGraph Build() =>
        new SagaBuilder(Name)
            .Step<RecordExpense>(RecordExpense, n => n.WithUndo<VoidExpense>())
            .WaitForSignal(Approval, ApproveSignal, TimeSpan.FromDays(7), n => n.After(RecordExpense))
            .Step<PayExpense>(PayExpense, n => n.After(Approval).ReadsOutputOf(Approval))
            .OutputFrom(PayExpense)
            .Build();
}
