using System.Net;
using System.Text.Json.Nodes;
using FeeBridge.Domain;
using FeeBridge.Domain.Claims;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The desk's search by number (DOMAIN.md §3: for a minor, the guardian who consented is liable): a child's claims
/// are found by the liable guardian's CPR number and by the child's own, also after the child's number is corrected,
/// and also for claims written before the ledger kept the child's hash (filled in on start).
/// </summary>
public abstract class DebtorSearchStoreTests(StoreKind kind)
{
    private const string Agency = "710100";
    private const string Child = "1111851234", Guardian = "2202851234", CorrectedChild = "0303851234", Adult = "0404851234";

    private static DebtorId Person(string cpr) => DebtorId.Person(Cpr.Parse(cpr));

    private static async Task<IReadOnlyList<string>> FoundAsync(FeeBridgeHost host, string cpr) =>
        [.. (await host.Store.StaffConsole.PatronsByLiableAsync([Agency], Person(cpr), default)).Select(h => h.PatronId)];

    private static async Task PutAsync(FeeBridgeHost host, string claimId, string patron, string cpr, string? guardian)
    {
        var body = ClaimBodies.Fee(patronId: patron, cpr: cpr, amount: "75.00");
        if (guardian is not null) body["guardian"] = new JsonObject { ["cpr"] = guardian };
        (await host.Library().PutClaim(Agency, claimId, body)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AMinorsClaims_AreFoundByTheGuardiansNumber_AndByTheChildsOwn_EvenAfterACorrection()
    {
        using var host = new FeeBridgeHost(kind);
        await PutAsync(host, "minor-1", "P-CHILD", Child, Guardian);
        await PutAsync(host, "adult-1", "P-ADULT", Adult, guardian: null);

        (await FoundAsync(host, Guardian)).ShouldBe(["P-CHILD"]);
        (await FoundAsync(host, Child)).ShouldBe(["P-CHILD"]);
        (await FoundAsync(host, Adult)).ShouldBe(["P-ADULT"]);
        // The extra hash is kept only where someone else is liable.
        (await host.Store.Dialect.ScalarAsync("SELECT COUNT(*) FROM claim_summaries WHERE debtor_hash IS NOT NULL")).ShouldBe(1L);

        (await host.Library().PutJson($"/api/v1/agencies/{Agency}/patrons/P-CHILD/debtor", new { cpr = CorrectedChild })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Eventually.Until(() => FoundAsync(host, CorrectedChild), found => found.Contains("P-CHILD"));
        (await FoundAsync(host, Child)).ShouldBeEmpty();
        (await FoundAsync(host, Guardian)).ShouldBe(["P-CHILD"]);
    }

    [Fact]
    public async Task ClaimsWrittenBeforeTheChildsHashWasKept_GetItFilledIn_OnceAndOnlyForThem()
    {
        using var host = new FeeBridgeHost(kind);
        await PutAsync(host, "minor-old", "P-OLD", Child, Guardian);
        await PutAsync(host, "adult-old", "P-ADULT", Adult, guardian: null);
        // As migration step 10 leaves a database written by an older FeeBridge: no hash, the claim on the list.
        await host.Store.Dialect.ExecAsync("UPDATE claim_summaries SET debtor_hash = NULL");
        await host.Store.Dialect.ExecAsync($"INSERT INTO debtor_hash_backfill (agency_id, claim_id) VALUES ('{Agency}', 'minor-old')");
        (await FoundAsync(host, Child)).ShouldBeEmpty();

        (await host.Store.Ledger.FillDebtorHashesAsync(default)).ShouldBe(1);

        (await FoundAsync(host, Child)).ShouldBe(["P-OLD"]);
        (await FoundAsync(host, Guardian)).ShouldBe(["P-OLD"]);
        (await host.Store.Dialect.ScalarAsync("SELECT COUNT(*) FROM debtor_hash_backfill")).ShouldBe(0L);
        (await host.Store.Ledger.FillDebtorHashesAsync(default)).ShouldBe(0); // nothing left: a restart costs one empty read
    }
}

[Trait("store", "sqlite")]
public sealed class DebtorSearchStoreOnSqlite() : DebtorSearchStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class DebtorSearchStoreOnPostgres() : DebtorSearchStoreTests(StoreKind.Postgres);
