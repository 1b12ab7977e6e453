using System.Buffers.Text;
using System.Security.Cryptography;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Calendar;

/// <summary>
/// What is stored about a person's calendar feed link: whose it is, the SHA-256 of its secret token (lower-case
/// hex), and when it was issued. The token itself is never stored: whoever reads the database cannot subscribe to
/// anyone's calendar. One record per person, so renewing replaces the hash and the old link stops working.
/// </summary>
public sealed record FeedTokenRecord(EmailAddress Owner, string TokenHash, DateTimeOffset IssuedAt);

/// <summary>A newly issued token: <see cref="Token"/> goes into the link shown to the person once; <see cref="Record"/> is stored.</summary>
public sealed record IssuedFeedToken(string Token, FeedTokenRecord Record);

/// <summary>
/// The secret tokens in calendar feed links (calendar programs cannot sign in, so the link is the credential): 256
/// random bits, base64url (43 characters). A plain SHA-256 is the right hash here, not a slow password hash: the
/// token has 256 bits of entropy, so there is nothing to guess, and the feed must be cheap to look up by its hash.
/// </summary>
public static class CalendarFeedTokens
{
    /// <summary>Bytes of randomness in a token: 32 (256 bits).</summary>
    public const int TokenBytes = 32;

    /// <summary>Issues a token for <paramref name="owner"/> from <paramref name="random"/> (the caller's generator).</summary>
    public static IssuedFeedToken Issue(EmailAddress owner, RandomNumberGenerator random, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        random.GetBytes(bytes);
        return FromBytes(owner, bytes, at);
    }

    /// <summary>Issues the token made of exactly these 32 random bytes (for callers that bring their own randomness, and tests).</summary>
    public static IssuedFeedToken FromBytes(EmailAddress owner, ReadOnlySpan<byte> randomBytes, DateTimeOffset at)
    {
        if (randomBytes.Length != TokenBytes) throw new ArgumentException($"A feed token is made of exactly {TokenBytes} random bytes.", nameof(randomBytes));
        return new IssuedFeedToken(Base64Url.EncodeToString(randomBytes), new FeedTokenRecord(owner, Hash(randomBytes), at));
    }

    /// <summary>A new token for the same owner; storing its record in place of <paramref name="current"/> ends the old link.</summary>
    public static IssuedFeedToken Renew(FeedTokenRecord current, RandomNumberGenerator random, DateTimeOffset at) => Issue(current.Owner, random, at);

    /// <summary>
    /// The hash to look a presented token up by, or null when it cannot be a token (not base64url, not 32 bytes):
    /// a wrong link is simply not found, never an error with details.
    /// </summary>
    public static string? LookupHash(string? presented)
    {
        if (presented is null || presented.Length != Base64Url.GetEncodedLength(TokenBytes)
            || !Base64Url.IsValid(presented, out var length) || length != TokenBytes) return null;
        Span<byte> bytes = stackalloc byte[TokenBytes];
        return Base64Url.DecodeFromChars(presented, bytes) == TokenBytes ? Hash(bytes) : null;
    }

    /// <summary>True when <paramref name="presented"/> is the token <paramref name="record"/> was issued for (compared in fixed time).</summary>
    public static bool Matches(FeedTokenRecord record, string? presented) =>
        LookupHash(presented) is { } hash
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(hash), Convert.FromHexString(record.TokenHash));

    private static string Hash(ReadOnlySpan<byte> token) => Convert.ToHexStringLower(SHA256.HashData(token));
}
