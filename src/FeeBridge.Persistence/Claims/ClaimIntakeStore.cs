using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Claims;

/// <summary>
/// Intake: new claims from the library system, written in group commits (<see cref="IntakeBatcher"/>) and routed
/// in the same transaction — held below the minimum, queued for the debtor system, or releasing what a patron had
/// waiting.
/// </summary>
public sealed class ClaimIntakeStore : IAsyncDisposable
{
    private readonly StoreDialect dialect;
    private readonly ClaimCodec codec;
    private readonly ClaimLedger ledger;
    private readonly ClaimQueries queries;
    private readonly IntakeBatcher _batcher;

    public ClaimIntakeStore(StoreDialect dialect, ClaimLedger ledger, ClaimQueries queries)
    {
        this.dialect = dialect;
        this.ledger = ledger;
        this.queries = queries;
        codec = ledger.Codec;
        _batcher = new IntakeBatcher(dialect.IntakeWriters, WriteIntakeBatchAsync);
    }

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    /// <summary>
    /// Stores a new claim and routes it, or recognises a replay. <paramref name="route"/> gets what the patron's
    /// claims waiting below the minimum still owe; <paramref name="release"/> queues one of those when the new claim
    /// lifts them over the minimum. Claims arriving together are written together (<see cref="IntakeBatcher"/>).
    /// </summary>
    public async Task<IntakeResult> IntakeAsync(
        ClaimHeader header,
        Func<Money, RoutingDecision> route,
        Func<ClaimHeader, ClaimQueued?> release,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var created = await _batcher.SubmitAsync(new IntakeRequest(header, route, release, now), ct);
        if (created is not null) return new IntakeResult(IntakeOutcome.Created, created);

        // The id exists: the same content is a replay, anything else a conflict. Nothing was written.
        var existing = await queries.GetAsync(header.Key, ct)
            ?? throw new InvalidOperationException("A claim reported as existing could not be read.");
        var storedHash = await ContentHashAsync(header.Key, ct);
        var hash = codec.ContentHash(header, codec.HeaderJson(header));
        return new IntakeResult(storedHash.AsSpan().SequenceEqual(hash) ? IntakeOutcome.Replayed : IntakeOutcome.Conflict, existing);
    }

    /// <summary>
    /// Writes one batch of new claims in one transaction and three round trips: lock the patrons, insert what is new
    /// and read what the patrons have waiting below the minimum; route and append; commit.
    /// </summary>
    private async Task WriteIntakeBatchAsync(IReadOnlyList<IntakeRequest> batch)
    {
        var ct = CancellationToken.None;
        var created = new Dictionary<IntakeRequest, ClaimState>();
        await using (var scope = await dialect.BeginWriteAsync([], ct))
        {
            var (inserted, waiting) = await InsertHeadersAsync(scope, batch, ct);

            var appends = new List<ClaimLedger.Append>();
            foreach (var r in batch.Where(r => inserted.Contains(r.Claim)))
            {
                var mine = waiting.GetValueOrDefault(r.PatronKey) ?? [];
                var decision = r.Route(mine.Aggregate(Money.Zero, (sum, w) => sum + w.Outstanding));
                ClaimEvent second = decision switch
                {
                    RoutingDecision.Hold h => new ClaimHeld(h.Reason),
                    RoutingDecision.Queue q => q.Event,
                    _ => throw new InvalidOperationException(),
                };
                var events = new ClaimEvent[] { new ClaimReceived(r.Header.Amount) { Seq = 1, At = r.Now }, second with { Seq = 2, At = r.Now } };
                var empty = ClaimState.Fold(r.Header, []);
                var state = empty.With(events);
                created[r] = state;
                appends.Add(new ClaimLedger.Append(empty, state, events));

                if (decision is not RoutingDecision.Queue { ReleaseWaiting: true }) continue;
                foreach (var w in mine)
                {
                    var held = await ledger.LoadAsync(scope.Connection, scope.Transaction, new ClaimKey(w.AgencyId, w.ClaimId), ct);
                    if (held is null || r.Release(held.Header) is not { } queued) continue;
                    var more = new ClaimEvent[] { queued with { Seq = held.NextSeq, At = r.Now } };
                    appends.Add(new ClaimLedger.Append(held, held.With(more), more));
                }
            }
            if (appends.Count > 0) await ledger.AppendAsync(scope, appends, ct);
            await scope.CommitAsync(ct);
        }
        foreach (var r in batch) r.Done.TrySetResult(created.GetValueOrDefault(r));
    }

    private static readonly Column[] HeaderColumns =
    [
        new("agency_id", ColumnType.Text), new("claim_id", ColumnType.Text), new("municipality", ColumnType.Text), new("patron_id", ColumnType.Text),
        new("content_hash", ColumnType.Blob), new("header_json", ColumnType.Text), new("debtor_cpr", ColumnType.Blob),
        new("guardian_cpr", ColumnType.Blob), new("received_at", ColumnType.Int64),
    ];

    /// <summary>
    /// Locks the batch's patrons, inserts the headers that are new and reads the claims the patrons have waiting below
    /// the minimum, in one round trip. Returns the claims actually inserted, and the waiting claims by
    /// patron lock key.
    /// </summary>
    private async Task<(HashSet<ClaimKey> Inserted, Dictionary<string, List<ClaimSummary>> Waiting)> InsertHeadersAsync(
        WriteScope scope, IReadOnlyList<IntakeRequest> batch, CancellationToken ct)
    {
        var headers = new RowSet(HeaderColumns);
        foreach (var request in batch)
        {
            var h = request.Header;
            var json = codec.HeaderJson(h);
            headers.Add(h.AgencyId.Value, h.ClaimId, h.Municipality.Value, h.PatronId, codec.ContentHash(h, json), json,
                h.Debtor.Cpr is { } d ? codec.Protector.Encrypt(d) : null, h.Guardian is { } g ? codec.Protector.Encrypt(g) : null,
                ClaimCodec.ToMicros(request.Now));
        }
        await using var cmd = scope.Command("");
        // The locks come first: a patron's waiting claims are read only once no other writer can change them.
        var locks = dialect.LockSql(cmd, batch.Select(r => r.PatronKey).ToList());
        var insert = dialect.InsertSql(cmd, "claims", headers, "h", tail: "ON CONFLICT DO NOTHING RETURNING agency_id, claim_id");
        var who = ledger.AnyOf(cmd, batch.Select(r => (r.Header.AgencyId.Value, r.Header.PatronId)), "patron_id");
        var inserted = new HashSet<ClaimKey>();
        await using var r = await ClaimLedger.ReadAfterLocksAsync(cmd, locks, $"""
            {insert};
            SELECT {ClaimLedger.SummaryColumns} FROM claim_summaries
            WHERE status = 'held' AND hold_reason = 'below-minimum' AND ({who})
            ORDER BY claim_id
            """, ct);
        while (await r.ReadAsync(ct)) inserted.Add(new ClaimKey(r.GetString(0), r.GetString(1)));
        await r.NextResultAsync(ct);
        var waiting = (await ClaimLedger.ReadSummariesAsync(r, ct))
            .GroupBy(w => ClaimLedger.PatronLock(w.AgencyId, w.PatronId))
            .ToDictionary(g => g.Key, g => g.ToList());
        return (inserted, waiting);
    }

    private async Task<byte[]> ContentHashAsync(ClaimKey claim, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT content_hash FROM claims WHERE agency_id = @a AND claim_id = @c";
        cmd.With("@a", claim.AgencyId).With("@c", claim.ClaimId);
        return (byte[])(await cmd.ExecuteScalarAsync(ct))!;
    }

}
