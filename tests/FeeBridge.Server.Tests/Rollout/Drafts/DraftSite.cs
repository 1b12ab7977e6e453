using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.Drafts;

/// <summary>
/// FeeBridge in sandbox mode serving the drafts tests' own municipalities (issue 16 parts 2 and 5: 580 Aabenraa,
/// 607 Fredericia, 615 Horsens, 621 Kolding with two libraries on different dates, 630 Vejle without a minimum or a
/// payment site), each with its agencies, cut-over dates, minimum, compensation rule and payment site; 657 Herning is
/// left out on purpose, a municipality this deployment does not serve yet.
/// </summary>
public abstract class DraftSite(StoreKind kind) : RolloutSite(kind, Settings)
{
    public static readonly IReadOnlyDictionary<string, string> Settings = Build();

    private static Dictionary<string, string> Build()
    {
        var s = new Dictionary<string, string>();
        (string Code, string Name, string Minimum, string Compensation, int Days)[] municipalities =
        [
            ("101", "Københavns Kommune", "100.00", "hold", 30),
            ("751", "Aarhus Kommune", "100.00", "civil", 30),
            ("580", "Aabenraa Kommune", "100.00", "hold", 30),
            ("607", "Fredericia Kommune", "75.00", "civil", 21),
            ("615", "Horsens Kommune", "100.00", "hold", 30),
            ("621", "Kolding Kommune", "50.00", "civil", 20),
            ("630", "Vejle Kommune", "0.00", "hold", 30),
        ];
        for (var i = 0; i < municipalities.Length; i++)
        {
            var m = municipalities[i];
            s[$"FeeBridge:Municipalities:{i}:Code"] = m.Code;
            s[$"FeeBridge:Municipalities:{i}:Name"] = m.Name;
            s[$"FeeBridge:Municipalities:{i}:Minimum"] = m.Minimum;
            s[$"FeeBridge:Municipalities:{i}:UnacknowledgedCompensation"] = m.Compensation;
            s[$"FeeBridge:Municipalities:{i}:PaymentDays"] = m.Days.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        (string Id, string Name, string Municipality, string CutOver, string Block)[] agencies =
        [
            ("710100", "Københavns Biblioteker", "101", "2020-11-30", "200.00"),
            ("775100", "Aarhus Kommunes Biblioteker", "751", "2021-09-01", "200.00"),
            ("758000", "Aabenraa Bibliotekerne", "580", "2027-03-01", "200.00"),
            ("760700", "Fredericia Bibliotek", "607", "2027-05-03", "175.00"),
            ("761500", "Horsens Kommunes Biblioteker", "615", "2027-02-01", "200.00"),
            ("762100", "Kolding Bibliotekerne", "621", "2027-02-01", "150.00"),
            ("762199", "Kolding Skolebiblioteker", "621", "2027-04-05", "150.00"),
            ("763000", "Vejle Bibliotekerne", "630", "2027-01-04", "200.00"),
        ];
        for (var i = 0; i < agencies.Length; i++)
        {
            var a = agencies[i];
            s[$"FeeBridge:Agencies:{i}:Id"] = a.Id;
            s[$"FeeBridge:Agencies:{i}:Name"] = a.Name;
            s[$"FeeBridge:Agencies:{i}:Municipality"] = a.Municipality;
            s[$"FeeBridge:Agencies:{i}:CutOverDate"] = a.CutOver;
            s[$"FeeBridge:Agencies:{i}:BlockThreshold"] = a.Block;
        }
        s["FeeBridge:Citizen:Municipalities:580:PaymentUrl"] = "https://aabenraa.dk/betaling";
        s["FeeBridge:Citizen:Municipalities:607:PaymentUrl"] = "https://www.fredericia.dk/betal";
        s["FeeBridge:Citizen:Municipalities:615:PaymentUrl"] = "https://horsens.dk/betaling";
        s["FeeBridge:Citizen:Municipalities:621:PaymentUrl"] = "https://www.kolding.dk/betal";
        s["FeeBridge:Citizen:SpeedCacheSeconds"] = "0";
        return s;
    }
}

public sealed class SqliteDraftSite() : DraftSite(StoreKind.Sqlite);
public sealed class PostgresDraftSite() : DraftSite(StoreKind.Postgres);
