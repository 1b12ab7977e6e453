using FeeBridge.Domain.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Claims;

public sealed partial class ClaimLedger
{
    /// <summary>
    /// Fills in the debtor hash (<see cref="DebtorHash"/>) of the claims written before the ledger kept it — listed by
    /// migration step 10 — a batch at a time, each batch in one transaction that also takes its claims off the list.
    /// A claim changed meanwhile (its <c>last_seq</c> moved) already got its hash from that change and is left as is.
    /// Safe to run from several processes at once, and again after a crash; returns how many summaries it filled.
    /// </summary>
    public async Task<int> FillDebtorHashesAsync(CancellationToken ct, int batch = 500)
    {
        var filled = 0;
        while (true)
        {
            await using var scope = await dialect.BeginWriteAsync([], ct);
            var keys = new List<ClaimKey>();
            await using (var cmd = scope.Command("SELECT agency_id, claim_id FROM debtor_hash_backfill ORDER BY agency_id, claim_id LIMIT @n").With("@n", batch))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct)) keys.Add(new ClaimKey(r.GetString(0), r.GetString(1)));
            if (keys.Count == 0) return filled;

            foreach (var (key, state) in await LoadManyAsync(scope.Connection, scope.Transaction, keys, ct))
            {
                if (DebtorHash(state) is not { } hash) continue;
                await using var update = scope.Command("""
                    UPDATE claim_summaries SET debtor_hash = @h
                    WHERE agency_id = @a AND claim_id = @c AND last_seq = @seq AND debtor_hash IS NULL
                    """).With("@h", hash).With("@a", key.AgencyId).With("@c", key.ClaimId).With("@seq", state.Events.Count);
                filled += await update.ExecuteNonQueryAsync(ct);
            }
            await using (var done = scope.Command(""))
            {
                done.CommandText = $"DELETE FROM debtor_hash_backfill WHERE {AnyOf(done, keys)}";
                await done.ExecuteNonQueryAsync(ct);
            }
            await scope.CommitAsync(ct);
        }
    }
}
