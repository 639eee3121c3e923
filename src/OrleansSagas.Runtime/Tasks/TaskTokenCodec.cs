using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OrleansSagas.Tasks;

/// <summary>
/// Task tokens: the claims encrypted and authenticated with AES-GCM under a cluster key, so a token is opaque, cannot be
/// forged or altered, and verifies without a lookup. Layout (base64url): version (1) | key id (4) | nonce (12) | tag (16) |
/// ciphertext. The nonce is an HMAC of the claims, so a step's attempt always gets the same token (re-issuing after a
/// restart hands out the token the worker already has) and distinct claims never share a nonce.
/// </summary>
internal static class TaskTokenCodec
{
    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + 4 + NonceLength + TagLength;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int MaxTokenLength = 4096;

    public static string Encode(TaskTokenKey key, TaskTokenClaims claims)
    {
        var plain = Plaintext(claims);
        var (encryption, nonceKey) = DerivedKeys(key);
        var token = new byte[HeaderLength + plain.Length];
        token[0] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(token.AsSpan(1, 4), key.Id);
        var nonce = token.AsSpan(5, NonceLength);
        HMACSHA256.HashData(nonceKey, plain).AsSpan(0, NonceLength).CopyTo(nonce);
        using var aes = new AesGcm(encryption, TagLength);
        aes.Encrypt(nonce, plain, token.AsSpan(HeaderLength), token.AsSpan(5 + NonceLength, TagLength), token.AsSpan(0, 5));
        return Base64Url(token);
    }

    /// <summary>The key id a token names, without verifying it.</summary>
    /// <exception cref="TaskTokenException">Malformed.</exception>
    public static int KeyIdOf(string? token) => BinaryPrimitives.ReadInt32BigEndian(Bytes(token).AsSpan(1, 4));

    /// <exception cref="TaskTokenException">Malformed, or forged (no key of that id, or the tag does not verify).</exception>
    public static TaskTokenClaims Decode(string? token, Func<int, TaskTokenKey?> keys)
    {
        var bytes = Bytes(token);
        var key = keys(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1, 4)))
            ?? throw new TaskTokenException(TaskTokenRejection.Forged, "The task token was not issued by this cluster: its key is unknown.");
        var plain = new byte[bytes.Length - HeaderLength];
        try
        {
            using var aes = new AesGcm(DerivedKeys(key).Encryption, TagLength);
            aes.Decrypt(bytes.AsSpan(5, NonceLength), bytes.AsSpan(HeaderLength), bytes.AsSpan(5 + NonceLength, TagLength), plain, bytes.AsSpan(0, 5));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new TaskTokenException(TaskTokenRejection.Forged, "The task token's signature does not verify: it was altered or not issued by this cluster.");
        }
        return Claims(plain);
    }

    private static byte[] Bytes(string? token)
    {
        if (string.IsNullOrEmpty(token)) throw Malformed("it is empty");
        if (token.Length > MaxTokenLength) throw Malformed($"it is longer than {MaxTokenLength} characters");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4));
        }
        catch (FormatException)
        {
            throw Malformed("it is not base64url");
        }
        if (bytes.Length < HeaderLength + 4 + 2 + 1) throw Malformed("it is too short");
        if (bytes[0] != FormatVersion) throw Malformed($"its format version {bytes[0]} is unknown");
        return bytes;
    }

    private static TaskTokenException Malformed(string why) => new(TaskTokenRejection.Malformed, $"The task token is malformed: {why}.");

    private static byte[] Plaintext(TaskTokenClaims claims)
    {
        var saga = Encoding.UTF8.GetBytes(claims.SagaId);
        var node = Encoding.UTF8.GetBytes(claims.Node);
        var plain = new byte[4 + 2 + saga.Length + node.Length];
        BinaryPrimitives.WriteInt32BigEndian(plain, claims.Attempt);
        BinaryPrimitives.WriteUInt16BigEndian(plain.AsSpan(4), checked((ushort)saga.Length));
        saga.CopyTo(plain, 6);
        node.CopyTo(plain, 6 + saga.Length);
        return plain;
    }

    private static TaskTokenClaims Claims(byte[] plain)
    {
        var sagaLength = BinaryPrimitives.ReadUInt16BigEndian(plain.AsSpan(4));
        // Authenticated, so only a bug could make this wrong; still refuse rather than throw an index error.
        if (6 + sagaLength > plain.Length) throw Malformed("its claims are damaged");
        return new TaskTokenClaims(
            Encoding.UTF8.GetString(plain, 6, sagaLength),
            Encoding.UTF8.GetString(plain, 6 + sagaLength, plain.Length - 6 - sagaLength),
            BinaryPrimitives.ReadInt32BigEndian(plain));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TaskTokenKey, DerivedKeyPair> Derived = [];

    private static (byte[] Encryption, byte[] Nonce) DerivedKeys(TaskTokenKey key) =>
        Derived.GetValue(key, static k => new DerivedKeyPair(Derive(k))).Keys;

    private sealed record DerivedKeyPair((byte[] Encryption, byte[] Nonce) Keys);

    private static (byte[] Encryption, byte[] Nonce) Derive(TaskTokenKey key) =>
        (HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Secret, 32, info: "orleans-sagas task token encryption"u8.ToArray()),
         HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Secret, 32, info: "orleans-sagas task token nonce"u8.ToArray()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
