using FeeBridge.Domain;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence.Claims;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The desk's search by name (CONTRACTS.md §8 search, <c>q=</c> unchanged): a prefix of any word of the name finds the
/// patron, whatever the case of the Danish letters, through the table of names from each word on
/// (<c>staff_name_suffixes</c>, kept by a trigger as the claim is stored; staff console steps 5 and 6).
/// </summary>
public abstract class NameSearchStoreTests(StoreKind kind)
{
    private const string Agency = "786000"; // Hjørring Bibliotekerne (0860)

    private static async Task ClaimAsync(FeeBridgeHost host, string claimId, string patron, string? name)
    {
        var header = new ClaimHeader(AgencyId.Parse(Agency), claimId, Kommunekode.Parse("860"), patron, DebtorId.Person(Cpr.Parse("0101901234")), name, null,
            ClaimKind.Fee, false, "Gebyr", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1)), null,
            [new ClaimLine("1", Money.FromOre(12_000), "For sen aflevering", "5012345678", null)]);
        var result = await host.Store.Intake.IntakeAsync(header, _ => new RoutingDecision.Hold(HoldReason.BeforeCutOver), _ => null, DateTimeOffset.UtcNow, default);
        result.Outcome.ShouldBe(IntakeOutcome.Created);
    }

    private static async Task<string[]> FindAsync(FeeBridgeHost host, string q) =>
        [.. (await host.Store.StaffConsole.PatronsByNameAsync(Agency, q, 20, default)).Select(h => h.PatronId)];

    [Fact]
    public async Task APrefixOfAnyWordOfTheName_FindsThePatron_CaseInsensitive_WithDanishLetters()
    {
        using var host = new FeeBridgeHost(kind);
        await ClaimAsync(host, "N1", "HJ-1", "Anne Marie Østergaard Hansen");
        await ClaimAsync(host, "N2", "HJ-1", "Anne Marie Østergaard Hansen"); // a second claim: the patron once
        await ClaimAsync(host, "N3", "HJ-2", "Søren Hansen");
        await ClaimAsync(host, "N4", "HJ-3", "Åse Jensen");
        await ClaimAsync(host, "N5", "HJ-4", null);

        (await FindAsync(host, "Hansen")).ShouldBe(["HJ-1", "HJ-2"]); // by name: "anne …" before "søren …"
        (await FindAsync(host, "hans")).ShouldBe(["HJ-1", "HJ-2"]);
        (await FindAsync(host, "ØSTER")).ShouldBe(["HJ-1"]);
        (await FindAsync(host, "marie østergaard h")).ShouldBe(["HJ-1"]); // several words, as they follow each other
        (await FindAsync(host, "anne")).ShouldBe(["HJ-1"]);
        (await FindAsync(host, "åse")).ShouldBe(["HJ-3"]);
        (await FindAsync(host, "SØREN  HANSEN")).ShouldBe(["HJ-2"]);
        (await FindAsync(host, "ansen")).ShouldBeEmpty(); // a prefix of a word, not any part of it
        (await FindAsync(host, "hansen marie")).ShouldBeEmpty();
    }
}

[Trait("store", "sqlite")]
public sealed class NameSearchStoreOnSqlite() : NameSearchStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class NameSearchStoreOnPostgres() : NameSearchStoreTests(StoreKind.Postgres);
