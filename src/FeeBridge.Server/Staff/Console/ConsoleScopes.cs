using FeeBridge.Application;
using FeeBridge.Domain.Routing;

namespace FeeBridge.Server.Staff.Console;

/// <summary>
/// Who may see what in the staff console (CONTRACTS.md §5, §8): library staff only their own agencies, finance staff
/// the agencies of their own municipality and its queue. KOMBIT, administrators, project leaders and auditors see no
/// claims here; auditors read the audit log.
/// </summary>
public static class ConsoleScopes
{
    /// <summary>Library staff of the agency, or finance staff of its municipality.</summary>
    public static bool WorksAtAgency(this StaffUser user, AgencySettings agency) =>
        user.Has(StaffRole.LibraryStaff, agency.Id.Value) || user.Has(StaffRole.FinanceStaff, agency.Municipality.Value);

    /// <summary>Finance staff of the municipality: its queue, its totals.</summary>
    public static bool WorksForMunicipality(this StaffUser user, string kommunekode) => user.Has(StaffRole.FinanceStaff, kommunekode);

    /// <summary>The agencies the user works at, in agency order: the desk's choices.</summary>
    public static IReadOnlyList<AgencySettings> DeskAgencies(this StaffUser user, Tenants tenants) =>
        [.. tenants.Agencies.Where(user.WorksAtAgency).OrderBy(a => a.Id.Value, StringComparer.Ordinal)];

    /// <summary>The municipalities whose finance staff the user is, and which this deployment serves.</summary>
    public static IReadOnlyList<MunicipalityRules> FinanceMunicipalities(this StaffUser user, Tenants tenants) =>
        [.. tenants.Municipalities.Where(m => user.WorksForMunicipality(m.Code.Value)).OrderBy(m => m.Code.Value, StringComparer.Ordinal)];

    /// <summary>
    /// The agency of the route, or the refusal: 403 outside the caller's scope (an agency the caller does not work at,
    /// whether it exists or not, so the answer tells nothing), 404 for an agency of their own role not configured here.
    /// </summary>
    public static (AgencySettings? Agency, IResult? Refusal) Agency(StaffUser user, Tenants tenants, string agencyId)
    {
        var agency = tenants.Agency(agencyId);
        if (agency is not null && user.WorksAtAgency(agency)) return (agency, null);
        if (agency is null && user.Has(StaffRole.LibraryStaff, agencyId))
            return (null, Problems.Result(StatusCodes.Status404NotFound, "Unknown agency", "FeeBridge does not serve this agency."));
        return (null, StaffEndpoints.Forbidden("Only the agency's library staff and the finance staff of its municipality see its patrons."));
    }

    /// <summary>The municipality of the route for its finance staff, or the refusal (403 for anyone else, 404 when not served).</summary>
    public static (MunicipalityRules? Municipality, IResult? Refusal) Municipality(StaffUser user, Tenants tenants, string kommunekode)
    {
        if (!user.WorksForMunicipality(kommunekode))
            return (null, StaffEndpoints.Forbidden("Only the municipality's own finance staff work its queue."));
        var m = tenants.Municipalities.FirstOrDefault(x => x.Code.Value == kommunekode);
        return m is null
            ? (null, Problems.Result(StatusCodes.Status404NotFound, "Unknown municipality", "FeeBridge does not serve this municipality."))
            : (m, null);
    }
}
