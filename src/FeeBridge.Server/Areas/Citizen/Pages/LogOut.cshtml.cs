using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FeeBridge.Server.Citizen.Pages;

/// <summary>Log-out: a form post (anti-forgery checked by Razor Pages) that ends the session, server-side too.</summary>
public sealed class LogOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/borger");

    public async Task<IActionResult> OnPostAsync()
    {
        await CitizenLogIn.EndSessionAsync(HttpContext);
        return Redirect("/borger?logget-ud");
    }
}
