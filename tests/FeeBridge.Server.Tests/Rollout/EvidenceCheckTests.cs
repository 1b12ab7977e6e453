using FeeBridge.Application.Rollout;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// Issue 15 part 5: "Where the integration knows the answer, a task carries evidence instead of only a click" — the
/// checks flip from failing to passing as the integration is put to use, each saying what it saw.
/// </summary>
public abstract class EvidenceCheckTests(StoreKind kind)
{
    [Fact]
    public async Task TheChecks_FollowTheIntegrationBeingPutToUse()
    {
        using var sandboxed = new SandboxedHost(kind, ["101"]);
        var host = sandboxed.Host;
        var checker = host.Services.GetRequiredService<EvidenceChecker>();
        var before = (await checker.CheckAsync(Kommunekode.Parse("101"), default)).ToDictionary(r => r.CheckId);
        before[EvidenceCheckId.DebtorEndpoint].Passed.ShouldBeTrue(before[EvidenceCheckId.DebtorEndpoint].Detail);
        before[EvidenceCheckId.CutOverDates].Passed.ShouldBeTrue();
        before[EvidenceCheckId.CutOverDates].Detail.ShouldContain("30. november 2020");
        before[EvidenceCheckId.LibraryApiKeyUsed].Passed.ShouldBeFalse();
        before[EvidenceCheckId.FirstClaimRegistered].Passed.ShouldBeFalse();

        (await host.Library().PutClaim("710100", "E1", ClaimBodies.Fee(patronId: "7001"))).EnsureSuccessStatusCode();
        await Eventually.Until(() => host.Library().GetClaim("710100", "E1"), c => (string)c["status"]! == "registered");

        var after = (await checker.CheckAsync(Kommunekode.Parse("101"), default)).ToDictionary(r => r.CheckId);
        after[EvidenceCheckId.LibraryApiKeyUsed].Passed.ShouldBeTrue();
        after[EvidenceCheckId.LibraryApiKeyUsed].Detail.ShouldContain("1 krav");
        after[EvidenceCheckId.FirstClaimRegistered].Passed.ShouldBeTrue();
        after[EvidenceCheckId.FirstPaymentConfirmed].Passed.ShouldBeFalse();

        // Aarhus (751) has no debtor system configured in this host: said so, not guessed.
        var aarhus = (await checker.CheckAsync(Kommunekode.Parse("751"), default)).ToDictionary(r => r.CheckId);
        aarhus[EvidenceCheckId.LibraryApiKeyUsed].Passed.ShouldBeFalse();
    }
}

[Trait("store", "sqlite")]
public sealed class EvidenceCheckOnSqlite() : EvidenceCheckTests(StoreKind.Sqlite);

[Trait("store", "postgresql")]
public sealed class EvidenceCheckOnPostgres() : EvidenceCheckTests(StoreKind.Postgres);
