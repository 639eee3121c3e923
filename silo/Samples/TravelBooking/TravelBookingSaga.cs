using OrleansSagas.Definitions;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>
/// The travel-booking saga: take the payment, book flight and hotel in parallel, wait durably for
/// <c>delaySeconds</c>, then notify the customer. When a step fails for good, whatever was done is undone
/// in reverse order: the bookings are cancelled, then the payment refunded.
/// </summary>
public static class TravelBookingSaga
{
    /// <summary>The definition name.</summary>
    public const string Name = "travel-booking";

    /// <summary>Step names.</summary>
    public const string ProcessPayment = "process-payment", BookFlight = "book-flight", BookHotel = "book-hotel", Wait = "wait", NotifyCustomer = "notify-customer";

    /// <summary>Builds the definition.</summary>
    public static SagaGraph Build()
    {
        // Network-ish failures are worth retrying; a StepFailedException (declined card, failAt) is not.
        var transient = new Retrier { ErrorEquals = ["TimeoutException", "HttpRequestException"], Interval = TimeSpan.FromSeconds(1), MaxAttempts = 3 };
        var undoRetry = new Retrier { Interval = TimeSpan.FromSeconds(1), MaxAttempts = 5, MaxDelay = TimeSpan.FromSeconds(10) };
        return new SagaBuilder(Name)
            .Step<ProcessPayment>(ProcessPayment, n => n.WithUndo<RefundPayment>().Retry(transient).RetryUndo(undoRetry))
            .Step<BookFlight>(BookFlight, n => n.After(ProcessPayment).WithUndo<CancelFlight>().Retry(transient).RetryUndo(undoRetry))
            .Step<BookHotel>(BookHotel, n => n.After(ProcessPayment).WithUndo<CancelHotel>().Retry(transient).RetryUndo(undoRetry))
            .DelayFromInput(Wait, "delaySeconds", n => n.After(BookFlight, BookHotel))
            .Step<NotifyCustomer>(NotifyCustomer, n => n.After(Wait).ReadsOutputOf(ProcessPayment, BookFlight, BookHotel))
            .OutputFrom(NotifyCustomer)
            .Build();
    }
}
