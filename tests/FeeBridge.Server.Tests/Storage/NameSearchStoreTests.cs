using System.Net;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// The desk's search by name (issue 18, "find a patron by name"): from the name's start, by the surname's start, by first
/// name and whole surname past a middle name, whatever the case of the Danish letters, and only at the agency asked.
/// </summary>
public abstract class NameSearchStoreTests(StoreKind kind)
{
    private const string Agency = "710100", OtherAgency = "775100";

    private static async Task PutAsync(FeeBridgeHost host, string agency, string patron, string name)
    {
        var body = ClaimBodies.Fee(patronId: patron, amount: "75.00");
        body["debtorName"] = name;
        (await host.Library().PutClaim(agency, $"{patron}-1", body)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task<IReadOnlyList<string>> FoundAsync(FeeBridgeHost host, string typed, string agency = Agency) =>
        [.. (await host.Store.StaffConsole.PatronsByNameAsync(agency, typed, 25, default)).Select(h => h.PatronId)];

    [Fact]
    public async Task APatron_IsFoundByTheNamesStart_ByTheSurname_AndByFirstNameAndSurnamePastAMiddleName()
    {
        using var host = new FeeBridgeHost(kind);
        await PutAsync(host, Agency, "P-METTE", "Mette Lund Østergaard");
        await PutAsync(host, Agency, "P-OLE", "Ole Østergaard");
        await PutAsync(host, Agency, "P-LUNDE", "Karen Lunde");
        await PutAsync(host, Agency, "P-SOLO", "Østergaard");
        await PutAsync(host, OtherAgency, "P-ELSEWHERE", "Mette Østergaard");

        (await FoundAsync(host, "mette")).ShouldBe(["P-METTE"]);
        (await FoundAsync(host, "METTE LUND Ø")).ShouldBe(["P-METTE"]);
        // By surname, sorted by the whole name; a single-word name is its own surname.
        (await FoundAsync(host, "østergaard")).ShouldBe(["P-METTE", "P-OLE", "P-SOLO"]);
        (await FoundAsync(host, "ØSTER")).ShouldBe(["P-METTE", "P-OLE", "P-SOLO"]);
        // First name and the whole surname, the middle name left out; the first words must start the name.
        (await FoundAsync(host, "Mette Østergaard")).ShouldBe(["P-METTE"]);
        (await FoundAsync(host, "Me Østergaard")).ShouldBe(["P-METTE"]);
        (await FoundAsync(host, "Ole Lund")).ShouldBeEmpty();
        (await FoundAsync(host, "Karen Østergaard")).ShouldBeEmpty();
        // A middle name is not a surname; the surname's start is.
        (await FoundAsync(host, "lund")).ShouldBe(["P-LUNDE"]);
        (await FoundAsync(host, "mette østergaard", OtherAgency)).ShouldBe(["P-ELSEWHERE"]);
        (await FoundAsync(host, "   ")).ShouldBeEmpty();
    }
}

[Trait("store", "sqlite")]
public sealed class NameSearchStoreOnSqlite() : NameSearchStoreTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class NameSearchStoreOnPostgres() : NameSearchStoreTests(StoreKind.Postgres);
