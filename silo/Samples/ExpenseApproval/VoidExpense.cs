using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>Voids the ledger entry (the undo of record-expense).</summary>
public sealed class VoidExpense(SampleStepHooks hooks, ILogger<VoidExpense> logger) : ISagaUndo<ExpenseClaim, ExpenseRecord>
{
    /// <inheritdoc />
    public async Task UndoAsync(ExpenseClaim input, ExpenseRecord actionOutput, StepContext context)
    {
        await hooks.BeforeAsync(context, null, null).ConfigureAwait(false);
        ExpenseApprovalLog.Voiding(logger, actionOutput.Reference, context.IdempotencyKey);
    }
}
