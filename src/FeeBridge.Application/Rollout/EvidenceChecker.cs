using System.Globalization;
using FeeBridge.Application.DebtorSystem;
using FeeBridge.Application.Observability;
using FeeBridge.Application.Workers;
using FeeBridge.DebtorSystem.Contract;
using FeeBridge.Persistence;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Application.Rollout;

/// <summary>
/// The tasks FeeBridge can check itself (issue 15 part 5): for every municipality this deployment serves, whether its
/// debtor system is configured and answers <c>DebitorForespoergsel</c>, every agency has a cut-over date, the library
/// system's key is in use (claims arrived), a first claim was registered, a first payment came back and FBS confirmed it,
/// and the loop's time is measured. Each result is saved with when it was checked; a task's page shows "checked by
/// FeeBridge at …", and marking such a task done while its check fails needs a reason and is audited.
/// </summary>
public sealed class EvidenceChecker(FeeBridgeStore store, Tenants tenants, DebtorSystemConnections connections, PaymentSpeed speed,
    FeeBridgeOptions options, TimeProvider clock, ILogger<EvidenceChecker> log) : LeasedWorker(log)
{
    protected override bool Enabled => options.Rollout.EvidenceSeconds > 0;

    protected override string FailureText => "Checking the rollout's evidence failed; trying again.";

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        foreach (var m in tenants.Municipalities)
            await store.Rollout.Evidence.SaveAsync(m.Code, await CheckAsync(m.Code, ct), ct);
        return false;
    }

    protected override Task IdleAsync(CancellationToken ct) => Task.Delay(TimeSpan.FromSeconds(options.Rollout.EvidenceSeconds), clock, ct);

    /// <summary>Every check for one municipality, now.</summary>
    public async Task<IReadOnlyList<EvidenceCheckResult>> CheckAsync(Kommunekode municipality, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var facts = await store.Monitoring.Evidence.ForAsync(municipality.Value, ct);
        var agencies = tenants.Agencies.Where(a => a.Municipality == municipality).ToList();
        var measured = await speed.StatementAsync(ct);
        EvidenceCheckResult Result(EvidenceCheckId id, bool passed, string detail) => new(id, passed, detail, now);
        return
        [
            await DebtorSystemAsync(municipality, now, ct),
            agencies.Count == 0
                ? Result(EvidenceCheckId.CutOverDates, false, "Ingen af kommunens biblioteker er sat op i FeeBridge endnu.")
                : Result(EvidenceCheckId.CutOverDates, agencies.All(a => a.CutOverDate != default),
                    string.Join("; ", agencies.Select(a => $"{a.Name}: {a.CutOverDate.ToString("d. MMMM yyyy", Danish)}"))),
            Result(EvidenceCheckId.LibraryApiKeyUsed, facts.ClaimsReceived > 0, facts.FirstReceived is { } first
                ? $"Bibliotekssystemet har afleveret {facts.ClaimsReceived.ToString("N0", Danish)} krav, det første {first.ToString("d. MMMM yyyy", Danish)}."
                : "Bibliotekssystemet har ikke afleveret noget krav endnu."),
            Result(EvidenceCheckId.FirstClaimRegistered, facts.Registered > 0, facts.Registered > 0
                ? $"Debitorsystemet har registreret {facts.Registered.ToString("N0", Danish)} krav."
                : "Debitorsystemet har ikke registreret noget krav endnu."),
            Result(EvidenceCheckId.FirstPaymentConfirmed, facts.ConfirmedByFbs > 0, facts.ConfirmedByFbs > 0
                ? $"FBS har bekræftet {facts.ConfirmedByFbs.ToString("N0", Danish)} betalinger."
                : "Ingen betaling er kommet tilbage og bekræftet af FBS endnu."),
            Result(EvidenceCheckId.LoopTimeMeasured, measured.Payments > 0, measured.Text),
        ];
    }

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    private async Task<EvidenceCheckResult> DebtorSystemAsync(Kommunekode municipality, DateTimeOffset now, CancellationToken ct)
    {
        if (connections.For(municipality.Value) is not { } connection)
            return new(EvidenceCheckId.DebtorEndpoint, false, "Debitorsystemets adresse er ikke sat op (FeeBridge:DebtorSystems:<kommunekode>:Endpoint).", now);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            // One claim's worth of the municipality's own list: a read that changes nothing and names nobody.
            await connection.Client.InquireAsync(connection.Endpoint,
                new DebitorForespoergsel(municipality, DebtorSystemDispatcher.AnvenderSystemId, null, 1, null), timeout.Token);
            return new(EvidenceCheckId.DebtorEndpoint, true, $"{connection.Endpoint.Host} svarede på DebitorForespoergsel.", now);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return new(EvidenceCheckId.DebtorEndpoint, false, $"{connection.Endpoint.Host} svarede ikke på DebitorForespoergsel ({e.GetType().Name}).", now);
        }
    }
}
