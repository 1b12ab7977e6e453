using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Access;

/// <summary>
/// Citizen sessions ended by log-out. The session cookie is self-contained (encrypted, not stored), so a copy taken
/// before log-out would stay valid until it expires; every request checks its session id here instead. Kept in the
/// database so every FeeBridge process sees a log-out, and only until the session would have expired anyway.
/// </summary>
public sealed class SessionStore(StoreDialect dialect)
{
    /// <summary>Ends the session for good; forgets sessions that have expired meanwhile.</summary>
    public async Task EndAsync(string sessionId, DateTimeOffset keepUntil, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            DELETE FROM ended_sessions WHERE expires_at < @now;
            INSERT INTO ended_sessions (session_id, expires_at) VALUES (@id, @until)
            ON CONFLICT (session_id) DO UPDATE SET expires_at = excluded.expires_at
            """;
        cmd.With("@now", now.ToUnixTimeSeconds()).With("@id", sessionId).With("@until", keepUntil.ToUnixTimeSeconds());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<bool> IsEndedAsync(string sessionId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM ended_sessions WHERE session_id = @id";
        cmd.With("@id", sessionId);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }
}
