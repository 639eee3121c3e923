using OrleansSagas.ClientSample;

// POST /trips, GET /trips/{id}, POST /trips/{id}/cancel on http://127.0.0.1:5090, backed by the saga cluster at Sagas:Gateway.
await TripsApp.Create(args).RunAsync();
