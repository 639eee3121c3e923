using Microsoft.Extensions.DependencyInjection;

namespace OrleansSagas.Server;

// TEMPORARY until the ADO.NET providers land on main: keeps the node on in-memory storage. Delete on merge.
internal static class PendingAdoNetProviders
{
    public static IServiceCollection UseSqliteStorage(this IServiceCollection services, string path) => services;
    public static IServiceCollection UsePostgreSqlStorage(this IServiceCollection services, string connectionString) => services;
}
