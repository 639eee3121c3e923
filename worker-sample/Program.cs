using Microsoft.Extensions.Hosting;
using OrleansSagas.WorkerSample;

// Runs the activities charge-card and refund-card for the saga server at --Worker:ServerUrl (default http://127.0.0.1:5080);
// prints "worker <name> ready" once it polls.
await WorkerApp.Create(args).RunAsync();
