using System.Globalization;
using FeeBridge.Domain;
using FeeBridge.Domain.Routing;

namespace FeeBridge.Application;

/// <summary>
/// The municipalities and agencies this deployment serves, read and checked once at start. A wrong setting stops
/// the start with a message naming it, rather than misrouting claims later.
/// </summary>
public sealed class Tenants
{
    private readonly Dictionary<string, AgencySettings> _agencies;
    private readonly Dictionary<string, MunicipalityRules> _municipalities;

    private readonly HashSet<string> _withoutFbs;

    public Tenants(IEnumerable<MunicipalityRules> municipalities, IEnumerable<AgencySettings> agencies, IEnumerable<string>? agenciesWithoutFbs = null)
    {
        _withoutFbs = [.. agenciesWithoutFbs ?? []];
        _municipalities = municipalities.ToDictionary(m => m.Code.Value);
        _agencies = agencies.ToDictionary(a => a.Id.Value);
        foreach (var a in _agencies.Values.Where(a => !_municipalities.ContainsKey(a.Municipality.Value)))
            throw new InvalidOperationException($"FeeBridge:Agencies: agency {a.Id} names municipality {a.Municipality}, which is not configured.");
    }

    public IEnumerable<AgencySettings> Agencies => _agencies.Values;
    public IEnumerable<MunicipalityRules> Municipalities => _municipalities.Values;

    public AgencySettings? Agency(string agencyId) => _agencies.GetValueOrDefault(agencyId);
    public MunicipalityRules Municipality(Kommunekode code) => _municipalities[code.Value];

    /// <summary>Whether the agency runs on FBS and so hears of settled claims through FBS's payment call.</summary>
    public bool UsesFbs(string agencyId) => _agencies.ContainsKey(agencyId) && !_withoutFbs.Contains(agencyId);

    /// <summary>From configuration; in sandbox mode with nothing configured, the sandbox's seed.</summary>
    public static Tenants From(FeeBridgeOptions o, SandboxMode? sandbox = null)
    {
        if (o.IsSandbox && sandbox is not null && o.Municipalities.Count == 0 && o.Agencies.Count == 0)
            return new Tenants(sandbox.Municipalities, sandbox.Agencies);
        return new Tenants(o.Municipalities.Select(Read), o.Agencies.Select(Read), o.Agencies.Where(a => !a.UsesFbs).Select(a => a.Id));
    }

    private static MunicipalityRules Read(MunicipalityOptions m) => new(
        Parse<Kommunekode>(m.Code, Kommunekode.TryParse, "Municipalities:Code"),
        m.Name,
        Parse<Money>(m.Minimum, Money.TryParse, $"Municipalities[{m.Code}]:Minimum"),
        m.UnacknowledgedCompensation.ToLowerInvariant() switch
        {
            "hold" => UnacknowledgedCompensationPolicy.Hold,
            "civil" => UnacknowledgedCompensationPolicy.SendAsCivil,
            _ => throw new InvalidOperationException($"FeeBridge:Municipalities[{m.Code}]:UnacknowledgedCompensation must be 'hold' or 'civil'."),
        },
        m.PaymentDays is >= 1 and <= 365 ? m.PaymentDays
            : throw new InvalidOperationException($"FeeBridge:Municipalities[{m.Code}]:PaymentDays must be 1-365."));

    private static AgencySettings Read(AgencyOptions a) => new(
        Parse<AgencyId>(a.Id, AgencyId.TryParse, "Agencies:Id"),
        a.Name,
        Parse<Kommunekode>(a.Municipality, Kommunekode.TryParse, $"Agencies[{a.Id}]:Municipality"),
        DateOnly.TryParseExact(a.CutOverDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new InvalidOperationException($"FeeBridge:Agencies[{a.Id}]:CutOverDate must be YYYY-MM-DD."),
        Parse<Money>(a.BlockThreshold, Money.TryParse, $"Agencies[{a.Id}]:BlockThreshold"));

    private delegate bool TryParser<T>(string? text, out T value, out string? error);

    private static T Parse<T>(string text, TryParser<T> parse, string setting) =>
        parse(text, out var v, out var error) ? v : throw new InvalidOperationException($"FeeBridge:{setting}: {error}");
}
