using System.Security.Cryptography;
using System.Text;

namespace OrleansSagas.Silo.Samples.TravelBooking;

/// <summary>Derives booking references from idempotency keys, so a step that runs twice books (and reports) the same thing.</summary>
internal static class References
{
    public static string For(string prefix, string idempotencyKey) =>
        $"{prefix}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..10]}";
}
