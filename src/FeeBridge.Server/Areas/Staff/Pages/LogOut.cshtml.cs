using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Staff.Pages;

/// <summary>
/// Log-out: a form post (anti-forgery checked by Razor Pages) that ends the staff session server-side and drops its
/// cookie. The page authenticates with the staff scheme without requiring it: the form's token was issued to the
/// signed-in staff member, so it is checked against that user (as anonymous it was refused, 400), and the page that
/// says "logged out" must open without a session.
/// </summary>
[Authorize(AuthenticationSchemes = StaffLogIn.Scheme)]
[AllowAnonymous]
public sealed class LogOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await StaffLogIn.EndSessionAsync(HttpContext);
        return Redirect("/staff/log-ud");
    }
}
