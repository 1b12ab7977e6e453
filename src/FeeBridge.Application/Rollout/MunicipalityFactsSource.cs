using FeeBridge.Application.Observability;
using FeeBridge.Rollout.Communication;
using FeeBridge.Rollout.Municipalities;

namespace FeeBridge.Application.Rollout;

/// <summary>
/// A municipality's live configuration as the rollout reads it (<see cref="MunicipalityFacts"/>): its rules and
/// libraries from <see cref="Tenants"/>, its payment site from <c>FeeBridge:Citizen:Municipalities</c>, and the payment
/// speed FeeBridge measured (<see cref="PaymentSpeed"/>, the figure the citizen page shows). A municipality this
/// deployment does not serve gets facts without rules or libraries, and what is drawn from them says so.
/// </summary>
public sealed class MunicipalityFactsSource(Tenants tenants, FeeBridgeOptions options, PaymentSpeed speed)
{
    public async Task<MunicipalityFacts> ForAsync(Kommunekode code, CancellationToken ct)
    {
        var rules = tenants.Municipalities.FirstOrDefault(m => m.Code == code);
        var libraries = tenants.Agencies.Where(a => a.Municipality == code)
            .OrderBy(a => a.CutOverDate).ThenBy(a => a.Id.Value, StringComparer.Ordinal)
            .Select(a => new LibraryFacts(a.Id.Value, a.Name, a.CutOverDate, a.BlockThreshold.Ore)).ToList();
        var measured = await speed.StatementAsync(ct);
        var name = rules is { Name.Length: > 0 } ? rules.Name : MunicipalityRegister.Denmark.Find(code)?.Name ?? code.Value;
        return new MunicipalityFacts(code.Value, name,
            rules is null ? null : new MunicipalRules(rules.Minimum.Ore,
                rules.UnacknowledgedCompensation == Domain.Routing.UnacknowledgedCompensationPolicy.SendAsCivil
                    ? CompensationRule.SentAsCivilClaim : CompensationRule.StaysWithLibrary,
                rules.PaymentDays),
            libraries,
            options.Citizen.Municipalities.GetValueOrDefault(code.Value)?.PaymentUrl,
            new MeasuredPaymentSpeed(measured.Payments, measured.Days, measured.Median, measured.P95));
    }
}
