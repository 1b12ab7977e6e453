using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Citizen.Pages;

/// <summary>Log-out: a form post (anti-forgery checked by Razor Pages) that ends the session.</summary>
public sealed class LogOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/borger");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CitizenLogIn.CookieScheme);
        return Redirect("/borger?logget-ud");
    }
}
