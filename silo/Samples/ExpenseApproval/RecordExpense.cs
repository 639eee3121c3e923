using Microsoft.Extensions.Logging;
using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>Records the claim in the ledger.</summary>
public sealed class RecordExpense(SampleStepHooks hooks, ILogger<RecordExpense> logger) : ISagaStep<ExpenseClaim, ExpenseRecord>
{
    /// <inheritdoc />
    public async Task<ExpenseRecord> ExecuteAsync(ExpenseClaim input, StepContext context)
    {
        await hooks.BeforeAsync(context, null, null).ConfigureAwait(false);
        var record = new ExpenseRecord($"EXP-{context.SagaId}");
        ExpenseApprovalLog.Recording(logger, record.Reference, input.Employee, input.Amount, input.Description, context.IdempotencyKey);
        return record;
    }
}
