using FeeBridge.Rollout.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// What the rollout pages share: the signed-in member of staff, the municipality of the address (404 when there is
/// none), and the API's rules for who reads and changes it (StaffUser.MayReadRollout / MayChangeRollout), answered
/// as a Danish page with status 403 rather than a blank one.
/// </summary>
[Authorize(Policy = StaffLogIn.Policy)]
public abstract class RolloutPageModel : PageModel
{
    public StaffUser StaffMember => StaffUser.From(User)!;

    /// <summary>Set when the page shows a refusal instead of its content (the status code is set with it).</summary>
    public string? Refusal { get; private set; }

    public DanishMunicipality? Municipality { get; private set; }

    /// <summary>Today in Europe/Copenhagen, the day deadlines are judged on.</summary>
    protected static DateOnly Today(TimeProvider clock) => Domain.Routing.PaymentDeadline.LocalDate(clock.GetUtcNow());

    /// <summary>Null when the caller may go on; else the result that refuses (and <see cref="Refusal"/> says why).</summary>
    /// <param name="orIf">Lets the caller in all the same (e.g. a person to their own reminders); the 404 still applies.</param>
    protected IActionResult? Denied(string kommunekode, bool change, Func<DanishMunicipality, bool>? orIf = null)
    {
        if (!Kommunekode.TryParse(kommunekode, out var code, out _) || MunicipalityRegister.Denmark.Find(code) is not { } m)
            return Refuse(StatusCodes.Status404NotFound, "Der er ingen kommune med den kommunekode.");
        Municipality = m;
        var user = StaffMember;
        if (orIf?.Invoke(m) == true) return null;
        if (change ? !user.MayChangeRollout(code.Value) : !user.MayReadRollout(code.Value))
            return Refuse(StatusCodes.Status403Forbidden, change
                ? "Kun kommunens egen projektleder kan ændre kommunens udrulning."
                : "Som projektleder ser du kun din egen kommunes udrulning.");
        return null;
    }

    protected IActionResult Refuse(int status, string why)
    {
        Refusal = why;
        Response.StatusCode = status;
        return Page();
    }
}
