using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// A delivery's state. <c>pending</c>: recorded, nobody sending; <c>sending</c>: a sender holds it until its lease
/// ends; <c>accepted</c>: the SMTP server or the SMS provider took it (for SMS, a final answer is still to come);
/// <c>delivered</c>: the SMS provider reported it delivered; <c>failed</c>: refused, with the reason.
/// </summary>
public enum DeliveryState { Pending, Sending, Accepted, Delivered, Failed }

/// <summary>One recipient of a send: an e-mail address or a phone number (+45…), and what became of it.</summary>
public sealed record StoredDelivery(string Recipient, DeliveryState State, string? Reason, string? ProviderId, int Attempts, DateTimeOffset UpdatedAt);

/// <summary>A send as recorded: what, to whom, for which plan row, and when it finished (every delivery settled).</summary>
public sealed record StoredSend(
    string SendId, Kommunekode Municipality, string RowId, string Channel, string? Subject, string Text,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? CompletedAt, IReadOnlyList<StoredDelivery> Deliveries);

/// <summary>A delivery some sender should act on: its send's id and channel, and the recipient.</summary>
public sealed record DeliveryWork(string SendId, string Channel, string Recipient);

/// <summary>
/// What the communication plan sent (issue 16 part 4), once each: a send is recorded with all its recipients in one
/// transaction, keyed by the caller's idempotency key (the same key again returns the first send, never a second);
/// each recipient is then claimed with a lease before it is sent to and settled after (<see cref="ClaimAsync"/>,
/// <see cref="SettleAsync"/>), so a process that stops mid-send leaves the rest for the next one, and two senders
/// never hold a recipient at once — the reminders' record-before/confirm-after, per recipient.
/// </summary>
public sealed class CommunicationSendStore(StoreDialect dialect)
{
    private static string Id(DeliveryState s) => s switch
    {
        DeliveryState.Pending => "pending", DeliveryState.Sending => "sending", DeliveryState.Accepted => "accepted",
        DeliveryState.Delivered => "delivered", _ => "failed",
    };

    public static string WireName(DeliveryState s) => Id(s);

    private static DeliveryState State(string s) => s switch
    {
        "pending" => DeliveryState.Pending, "sending" => DeliveryState.Sending, "accepted" => DeliveryState.Accepted,
        "delivered" => DeliveryState.Delivered, "failed" => DeliveryState.Failed,
        _ => throw new InvalidDataException($"Unknown delivery state '{s}'."),
    };

    /// <summary>Records a send and its recipients, or returns the send already recorded under the key (Created false).</summary>
    public async Task<(StoredSend Send, bool Created)> RecordAsync(Kommunekode municipality, string idempotencyKey, string rowId, string channel,
        string? subject, string text, IReadOnlyList<string> recipients, TaskActor by, CancellationToken ct)
    {
        var sendId = "s-" + Guid.NewGuid().ToString("N")[..16];
        await using (var scope = await dialect.BeginWriteAsync("rollout-comm-send:" + municipality.Value + ":" + idempotencyKey, ct))
        {
            await using var insert = scope.Command("""
                INSERT INTO rollout_comm_sends (send_id, municipality, idempotency_key, row_id, channel, subject, body, created_at, created_by)
                VALUES (@s, @m, @k, @r, @c, @sub, @b, @t, @by) ON CONFLICT (municipality, idempotency_key) DO NOTHING
                """).With("@s", sendId).With("@m", municipality.Value).With("@k", idempotencyKey).With("@r", rowId).With("@c", channel)
                .With("@sub", subject).With("@b", text).With("@t", ClaimCodec.ToMicros(by.At)).With("@by", by.Who);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                await scope.CommitAsync(ct);
                await using var c = await dialect.OpenAsync(ct);
                await using var find = c.CreateCommand();
                find.CommandText = "SELECT send_id FROM rollout_comm_sends WHERE municipality = @m AND idempotency_key = @k";
                find.With("@m", municipality.Value).With("@k", idempotencyKey);
                var existing = (string)(await find.ExecuteScalarAsync(ct))!;
                return ((await FindAsync(municipality, existing, ct))!, false);
            }
            foreach (var recipient in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                await using var d = scope.Command("""
                    INSERT INTO rollout_comm_deliveries (send_id, recipient, state, attempts, updated_at) VALUES (@s, @r, 'pending', 0, @t)
                    """).With("@s", sendId).With("@r", recipient).With("@t", ClaimCodec.ToMicros(by.At));
                await d.ExecuteNonQueryAsync(ct);
            }
            await scope.CommitAsync(ct);
        }
        return ((await FindAsync(municipality, sendId, ct))!, true);
    }

    /// <summary>
    /// Takes a recipient to send to: pending, or sending with its lease run out (its sender stopped). True for exactly
    /// one caller; the row's own condition decides under its row lock.
    /// </summary>
    public async Task<bool> ClaimAsync(string sendId, string recipient, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            UPDATE rollout_comm_deliveries SET state = 'sending', lease_until = @u, attempts = attempts + 1, updated_at = @now
            WHERE send_id = @s AND recipient = @r AND (state = 'pending' OR (state = 'sending' AND lease_until <= @now))
            """).With("@s", sendId).With("@r", recipient).With("@u", ClaimCodec.ToMicros(now + lease)).With("@now", ClaimCodec.ToMicros(now));
        var taken = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await scope.CommitAsync(ct);
        return taken;
    }

    /// <summary>Records what became of a recipient. A final state (delivered, failed) is never changed again.</summary>
    public async Task SettleAsync(string sendId, string recipient, DeliveryState state, string? reason, string? providerId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            UPDATE rollout_comm_deliveries SET state = @st, reason = @why, provider_id = COALESCE(@p, provider_id), lease_until = NULL, updated_at = @now
            WHERE send_id = @s AND recipient = @r AND state NOT IN ('delivered', 'failed')
            """).With("@s", sendId).With("@r", recipient).With("@st", Id(state)).With("@why", reason).With("@p", providerId).With("@now", ClaimCodec.ToMicros(now));
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    /// <summary>
    /// Marks the send finished once every recipient is settled — out of pending/sending, and for SMS reported on by
    /// the gateway (delivered or failed) — true for the one caller that did it.
    /// </summary>
    public async Task<bool> CompleteAsync(string sendId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync([], ct);
        await using var cmd = scope.Command("""
            UPDATE rollout_comm_sends SET completed_at = @t
            WHERE send_id = @s AND completed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM rollout_comm_deliveries d WHERE d.send_id = rollout_comm_sends.send_id
                  AND (d.state IN ('pending', 'sending') OR (rollout_comm_sends.channel = 'sms' AND d.state = 'accepted')))
            """).With("@s", sendId).With("@t", ClaimCodec.ToMicros(now));
        var done = await cmd.ExecuteNonQueryAsync(ct) == 1;
        await scope.CommitAsync(ct);
        return done;
    }

    /// <summary>Recipients waiting for a sender: pending, or held by a sender whose lease ran out.</summary>
    public Task<IReadOnlyList<DeliveryWork>> UnsentAsync(DateTimeOffset now, CancellationToken ct) =>
        WorkAsync("d.state = 'pending' OR (d.state = 'sending' AND d.lease_until <= @now)", now, ct);

    /// <summary>SMS the provider took and has not answered for yet (delivered or failed).</summary>
    public Task<IReadOnlyList<DeliveryWork>> AwaitingReportAsync(CancellationToken ct) =>
        WorkAsync("s.channel = 'sms' AND d.state = 'accepted'", DateTimeOffset.UnixEpoch, ct);

    /// <summary>Sends whose recipients are all settled (as <see cref="CompleteAsync"/> has it) but that are not marked finished yet.</summary>
    public async Task<IReadOnlyList<(Kommunekode Municipality, string SendId)>> UncompletedAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT s.municipality, s.send_id FROM rollout_comm_sends s WHERE s.completed_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM rollout_comm_deliveries d WHERE d.send_id = s.send_id
                  AND (d.state IN ('pending', 'sending') OR (s.channel = 'sms' AND d.state = 'accepted')))
            """;
        var list = new List<(Kommunekode, string)>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((Kommunekode.Parse(r.GetString(0)), r.GetString(1)));
        return list;
    }

    private async Task<IReadOnlyList<DeliveryWork>> WorkAsync(string where, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT d.send_id, s.channel, d.recipient FROM rollout_comm_deliveries d JOIN rollout_comm_sends s ON s.send_id = d.send_id
            WHERE {where} ORDER BY s.created_at, d.send_id, d.recipient
            """;
        if (where.Contains("@now", StringComparison.Ordinal)) cmd.With("@now", ClaimCodec.ToMicros(now));
        var list = new List<DeliveryWork>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new DeliveryWork(r.GetString(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    /// <summary>The municipality's sends, newest first, with their deliveries.</summary>
    public async Task<IReadOnlyList<StoredSend>> SendsAsync(Kommunekode municipality, CancellationToken ct) => await ReadAsync(municipality, null, ct);

    public async Task<StoredSend?> FindAsync(Kommunekode municipality, string sendId, CancellationToken ct) =>
        (await ReadAsync(municipality, sendId, ct)).FirstOrDefault();

    /// <summary>A send by id alone (the sender's own look-up; the API always asks with the municipality).</summary>
    public async Task<StoredSend?> FindAsync(string sendId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT municipality FROM rollout_comm_sends WHERE send_id = @s";
        cmd.With("@s", sendId);
        return await cmd.ExecuteScalarAsync(ct) is string m ? await FindAsync(Kommunekode.Parse(m), sendId, ct) : null;
    }

    private async Task<IReadOnlyList<StoredSend>> ReadAsync(Kommunekode municipality, string? sendId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        var deliveries = new Dictionary<string, List<StoredDelivery>>(StringComparer.Ordinal);
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = $"""
                SELECT d.send_id, d.recipient, d.state, d.reason, d.provider_id, d.attempts, d.updated_at
                FROM rollout_comm_deliveries d JOIN rollout_comm_sends s ON s.send_id = d.send_id
                WHERE s.municipality = @m{(sendId is null ? "" : " AND s.send_id = @s")} ORDER BY d.recipient
                """;
            cmd.With("@m", municipality.Value);
            if (sendId is not null) cmd.With("@s", sendId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                if (!deliveries.TryGetValue(r.GetString(0), out var list)) deliveries[r.GetString(0)] = list = [];
                list.Add(new StoredDelivery(r.GetString(1), State(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                    r.GetInt32(5), ClaimCodec.FromMicros(r.GetInt64(6))));
            }
        }
        await using var sends = c.CreateCommand();
        sends.CommandText = $"""
            SELECT send_id, row_id, channel, subject, body, created_at, created_by, completed_at FROM rollout_comm_sends
            WHERE municipality = @m{(sendId is null ? "" : " AND send_id = @s")} ORDER BY created_at DESC, send_id
            """;
        sends.With("@m", municipality.Value);
        if (sendId is not null) sends.With("@s", sendId);
        var result = new List<StoredSend>();
        await using var rs = await sends.ExecuteReaderAsync(ct);
        while (await rs.ReadAsync(ct))
        {
            var id = rs.GetString(0);
            result.Add(new StoredSend(id, municipality, rs.GetString(1), rs.GetString(2), rs.IsDBNull(3) ? null : rs.GetString(3), rs.GetString(4),
                ClaimCodec.FromMicros(rs.GetInt64(5)), rs.GetString(6), rs.IsDBNull(7) ? null : ClaimCodec.FromMicros(rs.GetInt64(7)),
                deliveries.GetValueOrDefault(id) ?? []));
        }
        return result;
    }
}
