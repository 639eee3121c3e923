namespace OrleansSagas.Silo.Samples.OrderFulfilment;

/// <summary>What the warehouse is asked to ship.</summary>
/// <param name="Customer">Who ordered.</param>
/// <param name="Amount">The order amount.</param>
public sealed record ShipmentRequest(string? Customer, decimal Amount);
