using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Sandbox.OpenIdConnect;

namespace FeeBridge.Sandbox.Staff;

/// <summary>
/// The staff stand-in's log-in page: the test users by group, the 98 project leaders as one list to pick a
/// municipality from. Each choice posts <c>user</c> with the request's own fields.
/// </summary>
internal static class StaffPickerPage
{
    private static readonly HtmlEncoder E = HtmlEncoder.Default;

    public static StandInPage Render(LogInForm form) => new("Log ind som medarbejder (sandkasse)", $"""
        <p>Dette er sandkassens stedfortræder for medarbejdernes log-in (i drift KOMBITs adgangsstyring). Vælg en testbruger.</p>
        {Buttons(form, "Bibliotek", StaffGroup.Library)}
        {Buttons(form, "Økonomi", StaffGroup.Finance)}
        {ProjectLeaders(form)}
        {Buttons(form, "KOMBIT, administration og revision", StaffGroup.Oversight)}
        """);

    private static string Buttons(LogInForm form, string heading, StaffGroup group)
    {
        var list = new StringBuilder("<ul class=\"users\">");
        foreach (var u in StaffTestUsers.All.Where(u => u.Group == group))
            list.Append(CultureInfo.InvariantCulture,
                $"<li><button type=\"submit\" name=\"user\" value=\"{E.Encode(u.UserName)}\">{E.Encode(u.Name)}</button> <span>{E.Encode(u.UserName)} · {E.Encode(u.Description)}</span></li>");
        list.Append("</ul>");
        return $"""
            <form method="post" action="{form.Action}">{form.HiddenFields}
              <h2>{E.Encode(heading)}</h2>
              {list}
            </form>
            """;
    }

    // A select, not 98 buttons: typing a municipality's name while it has focus jumps to it.
    private static string ProjectLeaders(LogInForm form)
    {
        var options = new StringBuilder();
        foreach (var m in MunicipalityRegister.Denmark.All)
            options.Append(CultureInfo.InvariantCulture, $"<option value=\"{E.Encode(StaffTestUsers.ProjectLeaderOf(m.Code))}\">{E.Encode(m.Name)} ({E.Encode(m.Code.Value)})</option>");
        return $"""
            <form method="post" action="{form.Action}">{form.HiddenFields}
              <h2>Projektledere i kommunerne</h2>
              <p id="projektleder-hjaelp">En projektleder for hver af de 98 kommuner, med adgang til sin kommunes udrulning. Skriv kommunens navn i listen for at springe til den.</p>
              <label for="projektleder">Kommune</label>
              <select id="projektleder" name="user" aria-describedby="projektleder-hjaelp" required>{options}</select>
              <button type="submit">Log ind som projektleder</button>
            </form>
            """;
    }
}
