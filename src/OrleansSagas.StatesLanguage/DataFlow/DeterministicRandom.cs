using System.Security.Cryptography;
using System.Text;

namespace OrleansSagas.StatesLanguage.DataFlow;

/// <summary>
/// Randomness derived from a seed string (execution id + event id), so States.UUID, States.MathRandom and retry
/// jitter give the same values every time a history is replayed.
/// </summary>
internal sealed class DeterministicRandom(string seed)
{
    private int _counter;

    public byte[] NextBytes()
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}#{_counter++}"));
        return bytes;
    }

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (BitConverter.ToUInt64(NextBytes(), 0) >> 11) * (1.0 / (1UL << 53));

    public Guid NextUuid()
    {
        var bytes = NextBytes().AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout (Guid byte order puts the version in byte 7)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    public static double Fraction(string seed) => new DeterministicRandom(seed).NextDouble();
}
