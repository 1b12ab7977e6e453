using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Staff.Pages;

/// <summary>The staff start page: who is signed in and with which roles; the screens of each role link from here.</summary>
[Authorize(Policy = StaffLogIn.Policy)]
public sealed class IndexModel : PageModel
{
    public StaffUser? StaffMember { get; private set; }

    public void OnGet() => StaffMember = StaffUser.From(User);

    /// <summary>A role in words a member of staff recognises.</summary>
    public static string Describe(StaffRole r) => r.Role switch
    {
        StaffRole.LibraryStaff => $"Biblioteksmedarbejder, bibliotek {r.Scope}",
        StaffRole.FinanceStaff => $"Debitormedarbejder, kommune {r.Scope}",
        StaffRole.ProjectLeader => $"Projektleder, kommune {r.Scope}",
        StaffRole.Kombit => "KOMBIT: alle kommuners implementering",
        StaffRole.Admin => "Administrator",
        StaffRole.Auditor => "Revisor: læser revisionssporet",
        _ => r.ToString(),
    };
}
