using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Monitoring;

/// <summary>What the ledger shows of a municipality's integration being in use: the rollout's own evidence (issue 15 part 5).</summary>
/// <param name="ClaimsReceived">Claims the library system handed over (its API key in use).</param>
/// <param name="Registered">Claims the debtor system registered.</param>
/// <param name="ConfirmedByFbs">Payments FBS confirmed (a notice to FBS delivered).</param>
public sealed record EvidenceFactsOf(long ClaimsReceived, DateTimeOffset? FirstReceived, long Registered, long ConfirmedByFbs);

/// <summary>Read-only counts for the rollout's checks, in one round trip per municipality.</summary>
public sealed class EvidenceFacts(StoreDialect dialect)
{
    public async Task<EvidenceFactsOf> ForAsync(string municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT COUNT(*), MIN(received_at) FROM claims WHERE municipality = @m;
            SELECT COUNT(*) FROM claim_summaries WHERE municipality = @m AND debtor_system_claim_id IS NOT NULL AND debtor_system_claim_id <> '';
            SELECT COUNT(*) FROM notices n JOIN claims k ON k.agency_id = n.agency_id AND k.claim_id = n.claim_id
            WHERE k.municipality = @m AND n.target = 'fbs' AND n.state = 'delivered';
            """;
        cmd.With("@m", municipality);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var received = r.GetInt64(0);
        DateTimeOffset? first = r.IsDBNull(1) ? null : ClaimCodec.FromMicros(r.GetInt64(1));
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct);
        var registered = r.GetInt64(0);
        await r.NextResultAsync(ct);
        await r.ReadAsync(ct);
        return new EvidenceFactsOf(received, first, registered, r.GetInt64(0));
    }
}
