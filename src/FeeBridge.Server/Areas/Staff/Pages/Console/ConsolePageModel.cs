using System.Globalization;
using FeeBridge.Application;
using FeeBridge.Domain.Routing;
using FeeBridge.Server.Staff.Console;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>
/// What the console's pages share: the signed-in member of staff and the API's rules for who sees what
/// (<see cref="ConsoleScopes"/>), answered as a Danish page with status 403 or 404 rather than a blank one.
/// </summary>
[Authorize(Policy = StaffLogIn.Policy)]
public abstract class ConsolePageModel : PageModel
{
    public StaffUser StaffMember => StaffUser.From(User)!;

    /// <summary>Set when the page shows a refusal instead of its content (the status code is set with it).</summary>
    public string? Refusal { get; private set; }

    protected IActionResult Refuse(int status, string why)
    {
        Refusal = why;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>The agency for the desk or the delivery log, or the refusal page.</summary>
    protected (AgencySettings? Agency, IActionResult? Refused) AgencyFor(Tenants tenants, string agencyId)
    {
        var agency = tenants.Agency(agencyId);
        if (agency is not null && StaffMember.WorksAtAgency(agency)) return (agency, null);
        return (null, agency is null && StaffMember.Has(StaffRole.LibraryStaff, agencyId)
            ? Refuse(StatusCodes.Status404NotFound, "FeeBridge betjener ikke det bibliotek.")
            : Refuse(StatusCodes.Status403Forbidden, "Du ser kun lånere på dit eget bibliotek (eller i din egen kommune, som debitormedarbejder)."));
    }

    /// <summary>A time in Danish, e.g. "3. december 2026 kl. 14:05".</summary>
    public static string When(DateTimeOffset t) => $"{Citizen.Kroner.Date(PaymentDeadline.LocalDate(t))} kl. {Citizen.Kroner.Clock(t)}";

    /// <summary>A kroner figure from the API's "120.00" form, for a query string.</summary>
    protected static Money? ParseMoney(string? s) => Money.TryParse(s, out var m, out _) ? m : null;

    protected static string Invariant(int n) => n.ToString(CultureInfo.InvariantCulture);
}
