using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// The latest result of each of FeeBridge's own checks per municipality (CONTRACTS.md §6 task <c>evidence</c>: what
/// FeeBridge itself checked, with when). One row per (municipality, check id); a result only replaces one checked
/// earlier, so a slow check run finishing after a newer one cannot bring an old answer back.
/// </summary>
public sealed class EvidenceStore(StoreDialect dialect)
{
    /// <summary>Saves results of one municipality's check run, in one transaction.</summary>
    public async Task SaveAsync(Kommunekode municipality, IReadOnlyList<EvidenceCheckResult> results, CancellationToken ct)
    {
        if (results.Count == 0) return;
        await using var scope = await dialect.BeginWriteAsync([], ct);
        foreach (var result in results)
        {
            await using var cmd = scope.Command("""
                INSERT INTO rollout_evidence (municipality, check_id, passed, detail, checked_at) VALUES (@m, @c, @p, @d, @t)
                ON CONFLICT (municipality, check_id) DO UPDATE SET passed = excluded.passed, detail = excluded.detail, checked_at = excluded.checked_at
                    WHERE excluded.checked_at >= rollout_evidence.checked_at
                """);
            cmd.With("@m", municipality.Value).With("@c", EvidenceChecks.Of(result.CheckId).Id).With("@p", result.Passed ? 1 : 0)
                .With("@d", result.Detail).With("@t", ClaimCodec.ToMicros(result.CheckedAt));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await scope.CommitAsync(ct);
    }

    /// <summary>The municipality's latest result of each check that has run, in registry order.</summary>
    public async Task<IReadOnlyList<EvidenceCheckResult>> LatestAsync(Kommunekode municipality, CancellationToken ct) =>
        (await ReadAsync(municipality, ct)).GetValueOrDefault(municipality) ?? [];

    /// <summary>Every municipality's latest results, in one query (an overview of all 98).</summary>
    public async Task<IReadOnlyDictionary<Kommunekode, IReadOnlyList<EvidenceCheckResult>>> LatestForAllAsync(CancellationToken ct) =>
        await ReadAsync(null, ct);

    private async Task<Dictionary<Kommunekode, IReadOnlyList<EvidenceCheckResult>>> ReadAsync(Kommunekode? municipality, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT municipality, check_id, passed, detail, checked_at FROM rollout_evidence" + (municipality is null ? "" : " WHERE municipality = @m");
        if (municipality is { } m) cmd.With("@m", m.Value);
        var rows = new List<(Kommunekode Municipality, EvidenceCheckResult Result)>();
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                // A check id this build does not know (a newer FeeBridge wrote it) is not this build's to show.
                if (EvidenceChecks.Find(r.GetString(1)) is not { } check) continue;
                rows.Add((Kommunekode.Parse(r.GetString(0)),
                    new EvidenceCheckResult(check.Check, r.GetInt32(2) != 0, r.GetString(3), ClaimCodec.FromMicros(r.GetInt64(4)))));
            }
        }
        return rows.GroupBy(x => x.Municipality)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EvidenceCheckResult>)[.. g.Select(x => x.Result).OrderBy(x => x.CheckId)]);
    }
}
