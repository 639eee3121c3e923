using Microsoft.Extensions.Logging;

namespace OrleansSagas.Silo.Samples.ExpenseApproval;

/// <summary>What the expense-approval handlers log.</summary>
internal static partial class ExpenseApprovalLog
{
    [LoggerMessage(201, LogLevel.Information, "Recording expense {Reference}: {Employee} claims {Amount} for {Description} (key {Key})")]
    public static partial void Recording(ILogger logger, string reference, string employee, decimal amount, string description, string key);

    [LoggerMessage(202, LogLevel.Information, "Voiding expense {Reference} (key {Key})")]
    public static partial void Voiding(ILogger logger, string reference, string key);

    [LoggerMessage(203, LogLevel.Information, "Paying {Amount} to {Employee}, approved by {Approver} (key {Key})")]
    public static partial void Paying(ILogger logger, decimal amount, string employee, string approver, string key);
}
