using OrleansSagas.ClientSample;

// POST /trips, GET /trips/{id}, POST /trips/{id}/cancel on http://127.0.0.1:5090, an Orleans client of the saga cluster (localhost gateway, or ConnectionStrings:Sagas for a PostgreSQL cluster).
await TripsApp.Create(args).RunAsync();
