using FeeBridge.Application;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Staff.Console;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>
/// The library desk's start (<c>/staff/desk</c>): one search field, focused, for a patron id, a name or a CPR number.
/// The form posts, so a CPR number is never in an address; a CPR search is audited like the API's. One hit opens the
/// patron at once; several are a list the arrow keys move through.
/// </summary>
public sealed class DeskModel(Tenants tenants, FeeBridgeStore store, StaffAudit audit) : ConsolePageModel
{
    public IReadOnlyList<AgencySettings> Agencies { get; private set; } = [];
    public IReadOnlyList<PatronHit>? Hits { get; private set; }

    /// <summary>What was searched for, as it may be shown again (a CPR number masked).</summary>
    public string? Shown { get; private set; }

    [BindProperty] public string? Q { get; set; }
    [BindProperty] public string? Bibliotek { get; set; }

    public IActionResult OnGet(string? bibliotek)
    {
        if (Load() is { } refused) return refused;
        Bibliotek = bibliotek;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Load() is { } refused) return refused;
        var agency = Agencies.FirstOrDefault(a => a.Id.Value == Bibliotek) ?? Agencies[0];
        Bibliotek = agency.Id.Value;
        var q = Q?.Trim() ?? "";
        if (q.Length is 0 or > 100)
        {
            Hits = [];
            return Page();
        }
        if (Cpr.TryParse(q, out var cpr, out _))
        {
            Q = null;
            Shown = cpr.Masked;
            Hits = await store.StaffConsole.PatronsByLiableAsync([agency.Id.Value], DebtorId.Person(cpr), ct);
            await audit.RecordAsync(StaffMember, "patron.searched-by-number", $"patron-search/{agency.Id.Value}", "Søgning ved skranken",
                $"Searched by a CPR number; found {string.Join(", ", Hits.Select(h => h.PatronId))}".TrimEnd(' ', ';'), ct);
        }
        else
        {
            Shown = q;
            Hits = await StaffConsoleEndpoints.FindAsync(store, agency.Id.Value, q, ct);
        }
        if (Hits.Count == 1) return Redirect(PatronModel.Link(Hits[0].AgencyId, Hits[0].PatronId));
        return Page();
    }

    private IActionResult? Load()
    {
        Agencies = StaffMember.DeskAgencies(tenants);
        return Agencies.Count == 0
            ? Refuse(StatusCodes.Status403Forbidden, "Skranken er for bibliotekets medarbejdere og kommunens debitormedarbejdere.")
            : null;
    }
}
