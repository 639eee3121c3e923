using Microsoft.Extensions.Logging;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>What the travel-booking handlers log.</summary>
internal static partial class TravelBookingLog
{
    [LoggerMessage(101, LogLevel.Information, "Charging {Customer} {Amount} (payment {PaymentId}, key {Key}, attempt {Attempt})")]
    public static partial void Charging(ILogger logger, string customer, decimal amount, string paymentId, string key, int attempt);

    [LoggerMessage(102, LogLevel.Information, "Refunding payment {PaymentId} of {Amount} to {Customer} (key {Key})")]
    public static partial void Refunding(ILogger logger, string paymentId, decimal amount, string customer, string key);

    [LoggerMessage(103, LogLevel.Information, "Booking {What} for {Customer}: {Confirmation} (key {Key}, attempt {Attempt})")]
    public static partial void Booking(ILogger logger, string what, string customer, string confirmation, string key, int attempt);

    [LoggerMessage(104, LogLevel.Information, "Cancelling {What} {Confirmation} for {Customer} (key {Key})")]
    public static partial void Cancelling(ILogger logger, string what, string confirmation, string customer, string key);

    [LoggerMessage(105, LogLevel.Information, "Notifying {Customer}: {Message} (key {Key})")]
    public static partial void Notifying(ILogger logger, string customer, string message, string key);
}
