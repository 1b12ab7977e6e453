using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Rollout.Communication;

/// <summary>
/// FeeBridge in sandbox mode serving, beside the sandbox's København and Aarhus, four municipalities of issue 16's
/// tests (223 Hørsholm, 230 Rudersdal, 240 Egedal, 250 Frederikssund) with their own agencies, cut-over dates,
/// minimums, compensation rules and payment sites, so the drafts and flows are drawn from a real configuration; 253
/// Greve is left out on purpose, a municipality this deployment does not serve yet.
/// </summary>
public abstract class CommunicationSite(StoreKind kind) : RolloutSite(kind, Settings)
{
    public static readonly IReadOnlyDictionary<string, string> Settings = Build();

    private static Dictionary<string, string> Build()
    {
        var s = new Dictionary<string, string>();
        (string Code, string Name, string Minimum, string Compensation, int Days)[] municipalities =
        [
            ("101", "Københavns Kommune", "100.00", "hold", 30),
            ("751", "Aarhus Kommune", "100.00", "civil", 30),
            ("223", "Hørsholm Kommune", "100.00", "hold", 30),
            ("230", "Rudersdal Kommune", "50.00", "civil", 20),
            ("240", "Egedal Kommune", "0.00", "hold", 30),
            ("250", "Frederikssund Kommune", "150.00", "civil", 30),
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
            ("722300", "Hørsholm Bibliotek", "223", "2027-03-01", "200.00"),
            ("723000", "Rudersdal Bibliotekerne", "230", "2027-02-01", "150.00"),
            ("723099", "Rudersdal Skolebiblioteker", "230", "2027-04-05", "150.00"),
            ("724000", "Egedal Bibliotekerne", "240", "2027-01-04", "200.00"),
            ("725000", "Frederikssund Bibliotekerne", "250", "2026-12-01", "225.00"),
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
        s["FeeBridge:Citizen:Municipalities:223:PaymentUrl"] = "https://www.horsholm.dk/borger/betaling";
        s["FeeBridge:Citizen:Municipalities:230:PaymentUrl"] = "https://www.rudersdal.dk/betal";
        s["FeeBridge:Citizen:SpeedCacheSeconds"] = "0";
        return s;
    }
}

public sealed class SqliteCommunicationSite() : CommunicationSite(StoreKind.Sqlite);
public sealed class PostgresCommunicationSite() : CommunicationSite(StoreKind.Postgres);
