using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>Pays an approved claim; a rejected one fails for good, so the saga unwinds and voids the ledger entry.</summary>
public sealed class PayExpense(SampleStepHooks hooks, ILogger<PayExpense> logger) : ISagaStep<ExpenseClaim, ExpenseRecord>
{
    /// <inheritdoc />
    public async Task<ExpenseRecord> ExecuteAsync(ExpenseClaim input, StepContext context)
    {
        await hooks.BeforeAsync(context, null, null).ConfigureAwait(false);
        var decision = context.GetOutput<ApprovalDecision>(ExpenseApprovalSaga.Approval);
        if (!decision.Approved)
            throw new StepFailedException("Rejected", $"The claim was rejected by {decision.Approver ?? "the approver"}.");
        ExpenseApprovalLog.Paying(logger, input.Amount, input.Employee, decision.Approver ?? "?", context.IdempotencyKey);
        return new ExpenseRecord($"PAID-{context.SagaId}");
    }
}
