using System.Security.Cryptography;
using OrleansSagas.Tasks;

namespace OrleansSagas.Tests.Tasks;

public class TaskTokenCodecTests
{
    private static readonly TaskTokenKey Key1 = new(1, RandomNumberGenerator.GetBytes(32), DateTimeOffset.UnixEpoch);
    private static readonly TaskTokenKey Key2 = new(2, RandomNumberGenerator.GetBytes(32), DateTimeOffset.UnixEpoch);

    private static TaskTokenKey? Keys(int id) => id switch { 1 => Key1, 2 => Key2, _ => null };

    [Theory]
    [InlineData("trip-1", "charge", 1)]
    [InlineData("ünïcødé/saga#2", "task-17", 12)]
    [InlineData("s", "n", int.MaxValue)]
    public void A_token_verifies_to_its_claims_and_reveals_none_of_them(string saga, string node, int attempt)
    {
        var claims = new TaskTokenClaims(saga, node, attempt);
        var token = TaskTokenCodec.Encode(Key1, claims);

        Assert.Equal(claims, TaskTokenCodec.Decode(token, Keys));
        // Encrypted: no readable trace of the claims (a one-letter name may occur in any base64 text by chance).
        if (node.Length > 3) Assert.DoesNotContain(node, token, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(saga + node)), token, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void The_same_attempt_gets_the_same_token_and_other_attempts_or_keys_get_other_tokens()
    {
        var claims = new TaskTokenClaims("trip-1", "charge", 1);
        Assert.Equal(TaskTokenCodec.Encode(Key1, claims), TaskTokenCodec.Encode(Key1, claims));
        Assert.NotEqual(TaskTokenCodec.Encode(Key1, claims), TaskTokenCodec.Encode(Key1, claims with { Attempt = 2 }));
        Assert.NotEqual(TaskTokenCodec.Encode(Key1, claims), TaskTokenCodec.Encode(Key2, claims));
        Assert.Equal(claims, TaskTokenCodec.Decode(TaskTokenCodec.Encode(Key2, claims), Keys));
    }

    [Fact]
    public void Changing_any_character_of_a_token_makes_it_forged_or_malformed_never_another_valid_token()
    {
        var token = TaskTokenCodec.Encode(Key1, new TaskTokenClaims("trip-1", "charge", 1));
        for (var i = 0; i < token.Length; i++)
        {
            var chars = token.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            var error = Assert.Throws<TaskTokenException>(() => TaskTokenCodec.Decode(new string(chars), Keys));
            Assert.Contains(error.Rejection, new[] { TaskTokenRejection.Forged, TaskTokenRejection.Malformed });
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not base64 at all!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_malformed(string token)
    {
        Assert.Equal(TaskTokenRejection.Malformed, Assert.Throws<TaskTokenException>(() => TaskTokenCodec.Decode(token, Keys)).Rejection);
    }

    [Fact]
    public void A_token_of_an_unknown_key_is_forged()
    {
        var stranger = new TaskTokenKey(1, RandomNumberGenerator.GetBytes(32), DateTimeOffset.UnixEpoch);
        var token = TaskTokenCodec.Encode(stranger, new TaskTokenClaims("trip-1", "charge", 1));
        Assert.Equal(TaskTokenRejection.Forged, Assert.Throws<TaskTokenException>(() => TaskTokenCodec.Decode(token, Keys)).Rejection);
        var retired = TaskTokenCodec.Encode(new TaskTokenKey(9, Key1.Secret, DateTimeOffset.UnixEpoch), new TaskTokenClaims("trip-1", "charge", 1));
        Assert.Equal(TaskTokenRejection.Forged, Assert.Throws<TaskTokenException>(() => TaskTokenCodec.Decode(retired, Keys)).Rejection);
    }
}
