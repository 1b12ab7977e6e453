using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Staff.Pages;

/// <summary>Log-out: a form post (anti-forgery checked by Razor Pages) that drops the staff session cookie.</summary>
public sealed class LogOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(StaffLogIn.CookieScheme);
        return Redirect("/staff/log-ud");
    }
}
