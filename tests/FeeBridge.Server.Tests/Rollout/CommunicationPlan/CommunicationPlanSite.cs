using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.CommunicationPlan;

/// <summary>
/// FeeBridge in sandbox mode serving six municipalities of the communication plan's tests with their own agencies:
/// 530 Billund and 561 Esbjerg cut over in four months (their default plan lies ahead), 540 Sønderborg two months
/// ago (its plan is overdue), 563 Fanø, 573 Varde and 575 Vejen a month ahead; mail through the tests' exim
/// (scripts/smtp.sh), rounds every second and a lease of 2 s. Dates count from today, so the tests hold whenever run.
/// </summary>
public abstract class CommunicationPlanSite(StoreKind kind) : RolloutSite(kind, Build(ReminderMailServer.Port))
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static Dictionary<string, string> Build(int smtpPort)
    {
        var s = ReminderMailServer.Settings(smtpPort);
        s["FeeBridge:Communication:IntervalSeconds"] = "1";
        s["FeeBridge:Communication:LeaseSeconds"] = "2";
        s["FeeBridge:Mail:Reminders:Enabled"] = "false";
        (string Code, string Name, int Days)[] municipalities =
        [
            ("101", "Københavns Kommune", 0), ("751", "Aarhus Kommune", 0),
            ("530", "Billund Kommune", 120), ("540", "Sønderborg Kommune", -60), ("561", "Esbjerg Kommune", 120),
            ("563", "Fanø Kommune", 30), ("573", "Varde Kommune", 30), ("575", "Vejen Kommune", 30),
        ];
        for (var i = 0; i < municipalities.Length; i++)
        {
            var m = municipalities[i];
            s[$"FeeBridge:Municipalities:{i}:Code"] = m.Code;
            s[$"FeeBridge:Municipalities:{i}:Name"] = m.Name;
            s[$"FeeBridge:Municipalities:{i}:Minimum"] = "100.00";
            s[$"FeeBridge:Municipalities:{i}:UnacknowledgedCompensation"] = i % 2 == 0 ? "hold" : "civil";
            s[$"FeeBridge:Municipalities:{i}:PaymentDays"] = "30";
            var agency = m.Code switch { "101" => "710100", "751" => "775100", _ => $"7{m.Code}00" };
            var cutOver = m.Days == 0 ? (m.Code == "101" ? "2020-11-30" : "2021-09-01") : CutOver(m.Days);
            s[$"FeeBridge:Agencies:{i}:Id"] = agency;
            s[$"FeeBridge:Agencies:{i}:Name"] = m.Code switch { "101" => "Københavns Biblioteker", "751" => "Aarhus Kommunes Biblioteker", _ => m.Name.Replace(" Kommune", " Bibliotekerne", StringComparison.Ordinal) };
            s[$"FeeBridge:Agencies:{i}:Municipality"] = m.Code;
            s[$"FeeBridge:Agencies:{i}:CutOverDate"] = cutOver;
            s[$"FeeBridge:Agencies:{i}:BlockThreshold"] = "200.00";
        }
        s["FeeBridge:Citizen:Municipalities:530:PaymentUrl"] = "https://www.billund.dk/betal";
        return s;
    }

    public static string CutOver(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Saves the municipality's gallery: a primary project leader and library staff, each with an address of their own.</summary>
    public async Task<(string Leader, string Staff, string Bouncing)> GalleryAsync(HttpClient leader, string code)
    {
        var (pl, staff, bouncing) = (ReminderMailServer.NewAddress("pl"), ReminderMailServer.NewAddress("staff"), ReminderMailServer.NewAddress("bounce"));
        using var saved = await leader.PutAsJsonAsync($"/api/v1/rollout/municipalities/{code}/organisation", new
        {
            roles = new object[]
            {
                new { role = "projektleder", people = new[] { new { name = "Pia Plan", email = pl, primary = true } } },
                new { role = "bibliotekspersonale", people = new[] { new { name = "Bo Bibliotek", email = staff, primary = false }, new { name = "Rita Retur", email = bouncing, primary = false } } },
            },
            competences = Array.Empty<object>(),
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return (pl, staff, bouncing);
    }
}

public sealed class SqliteCommunicationPlanSite() : CommunicationPlanSite(StoreKind.Sqlite);
public sealed class PostgresCommunicationPlanSite() : CommunicationPlanSite(StoreKind.Postgres);
