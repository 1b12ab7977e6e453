using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Calendar;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Persistence.Rollout;

/// <summary>Whose calendar feed a token hash opens: the municipality and the person's record.</summary>
public sealed record FeedTokenOwner(Kommunekode Municipality, FeedTokenRecord Record);

/// <summary>
/// The calendar feed links' tokens (<see cref="CalendarFeedTokens"/>): per municipality and person one record, holding
/// only the token's SHA-256, never the token. Saving a renewed token replaces the hash, so the old link finds nobody.
/// </summary>
public sealed class FeedTokenStore(StoreDialect dialect)
{
    /// <summary>Stores the person's token record, replacing any earlier one (renewal ends the old link).</summary>
    public async Task SaveAsync(Kommunekode municipality, FeedTokenRecord record, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_feed_tokens (municipality, owner_key, owner, token_hash, issued_at) VALUES (@m, @k, @o, @h, @t)
            ON CONFLICT (municipality, owner_key) DO UPDATE SET owner = excluded.owner, token_hash = excluded.token_hash, issued_at = excluded.issued_at
            """);
        cmd.With("@m", municipality.Value).With("@k", Key(record.Owner)).With("@o", record.Owner.Value).With("@h", record.TokenHash)
            .With("@t", ClaimCodec.ToMicros(record.IssuedAt));
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>
    /// The owner of the token with this hash (<see cref="CalendarFeedTokens.LookupHash"/> of the presented token), or
    /// null: a wrong, renewed or revoked link is simply not found.
    /// </summary>
    public async Task<FeedTokenOwner?> FindByHashAsync(string? tokenHash, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(tokenHash)) return null;
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT municipality, owner, token_hash, issued_at FROM rollout_feed_tokens WHERE token_hash = @h";
        cmd.With("@h", tokenHash);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new FeedTokenOwner(Kommunekode.Parse(r.GetString(0)),
            new FeedTokenRecord(EmailAddress.Parse(r.GetString(1)), r.GetString(2), ClaimCodec.FromMicros(r.GetInt64(3))));
    }

    /// <summary>The person's current record in the municipality, or null.</summary>
    public async Task<FeedTokenRecord?> FindAsync(Kommunekode municipality, EmailAddress owner, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT owner, token_hash, issued_at FROM rollout_feed_tokens WHERE municipality = @m AND owner_key = @k";
        cmd.With("@m", municipality.Value).With("@k", Key(owner));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new FeedTokenRecord(EmailAddress.Parse(r.GetString(0)), r.GetString(1), ClaimCodec.FromMicros(r.GetInt64(2))) : null;
    }

    /// <summary>Ends the person's link (e.g. they left the gallery); true when there was one.</summary>
    public async Task<bool> RevokeAsync(Kommunekode municipality, EmailAddress owner, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("DELETE FROM rollout_feed_tokens WHERE municipality = @m AND owner_key = @k")
            .With("@m", municipality.Value).With("@k", Key(owner));
        var gone = await cmd.ExecuteNonQueryAsync(ct) > 0;
        await scope.CommitAsync(ct);
        return gone;
    }

    // One address is one person whatever its letter case.
    private static string Key(EmailAddress address) => address.Value.ToLowerInvariant();
}
