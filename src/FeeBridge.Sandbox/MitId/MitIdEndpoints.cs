using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using FeeBridge.Sandbox.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FeeBridge.Sandbox.MitId;

/// <summary>
/// The MitID stand-in over HTTP, under <c>/sandbox/mitid</c>: discovery, keys, the log-in page (the test people,
/// or any CPR/CVR number typed in) and the token endpoint (<see cref="OpenIdStandInEndpoints"/>).
/// </summary>
public static class MitIdEndpoints
{
    private const string Prefix = "/sandbox/mitid";

    private static readonly OpenIdStandInOptions<TestPerson> Options = new()
    {
        BasePath = Prefix,
        ClientId = MitIdStandIn.ClientId,
        ClientSecret = MitIdStandIn.ClientSecret,
        Scopes = ["openid", "mitid", "ssn", "nemlogin"],
        RequireAntiforgery = true,
        LogInPage = LogInPage,
        Chosen = Chosen,
        UnknownUser = new("Ukendt identitet", "<p>Skriv et gyldigt CPR-nummer (10 cifre) eller CVR-nummer (8 cifre), og prøv igen.</p>"),
    };

    public static IServiceCollection AddMitIdStandIn(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MitIdStandIn>();
        services.AddAntiforgery();
        return services;
    }

    public static void MapMitIdStandIn(this IEndpointRouteBuilder app) => app.MapOpenIdStandIn<MitIdStandIn, TestPerson>(Options);

    private static TestPerson? Chosen(IFormCollection form)
    {
        if (int.TryParse(form["person"], out var i) && i >= 0 && i < SandboxSeed.TestPeople.Count) return SandboxSeed.TestPeople[i];
        var typed = form["identity"].ToString().Replace("-", "", StringComparison.Ordinal).Trim();
        if (Cpr.TryParse(typed, out _, out _)) return new TestPerson("Testperson", typed, null, "Indtastet");
        if (Cvr.TryParse(typed, out _, out _)) return new TestPerson("Testvirksomhed", null, typed, "Indtastet");
        return null;
    }

    private static StandInPage LogInPage(LogInForm form)
    {
        var e = HtmlEncoder.Default;
        var people = new StringBuilder("<ul class=\"people\">");
        for (var i = 0; i < SandboxSeed.TestPeople.Count; i++)
        {
            var p = SandboxSeed.TestPeople[i];
            var id = p.Cpr is { } cpr ? $"CPR {cpr[..6]}-****" : $"CVR {p.Cvr}";
            people.Append(CultureInfo.InvariantCulture, $"<li><button type=\"submit\" name=\"person\" value=\"{i}\">{e.Encode(p.Name)}</button> <span>{e.Encode(id)} · {e.Encode(p.Description)}</span></li>");
        }
        people.Append("</ul>");
        return new StandInPage("Log ind med MitID (sandkasse)", $"""
            <p>Dette er sandkassens stedfortræder for MitID. Vælg en testperson, eller skriv et CPR- eller CVR-nummer.</p>
            <form method="post" action="{form.Action}">{form.HiddenFields}
              <h2>Testpersoner</h2>
              {people}
            </form>
            <form method="post" action="{form.Action}">{form.HiddenFields}
              <h2>Anden testperson</h2>
              <label for="identity">CPR- eller CVR-nummer</label>
              <input id="identity" name="identity" inputmode="numeric" autocomplete="off" required>
              <button type="submit">Log ind</button>
            </form>
            """);
    }
}
