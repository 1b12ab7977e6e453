using FeeBridge.Rollout.Communication;

namespace FeeBridge.Rollout.Tests.Workflow;

/// <summary>Municipalities' facts as the host maps them from configuration (issue 16's codes: 223 230 240 250 253).</summary>
public static class WorkflowFacts
{
    public static readonly MeasuredPaymentSpeed FourSeconds = new(1_234, 7, TimeSpan.FromMilliseconds(3_200), TimeSpan.FromMilliseconds(8_500));

    /// <summary>One library, minimum 100 kr., unacknowledged compensation stays with the library.</summary>
    public static readonly MunicipalityFacts Hørsholm = new("223", "Hørsholm Kommune",
        new MunicipalRules(10_000, CompensationRule.StaysWithLibrary, 30),
        [new LibraryFacts("722300", "Hørsholm Bibliotek", new DateOnly(2027, 3, 1), 20_000)],
        "https://www.horsholm.dk/borger/betaling/", FourSeconds);

    /// <summary>Two libraries with different cut-over dates and thresholds, minimum 50 kr., civil compensation.</summary>
    public static readonly MunicipalityFacts Rudersdal = new("230", "Rudersdal Kommune",
        new MunicipalRules(5_000, CompensationRule.SentAsCivilClaim, 20),
        [
            new LibraryFacts("723000", "Rudersdal Bibliotekerne", new DateOnly(2027, 2, 1), 15_000),
            new LibraryFacts("723099", "Rudersdal Skolebiblioteker", new DateOnly(2027, 4, 5), 10_000),
        ],
        "https://www.rudersdal.dk/betal", FourSeconds);

    /// <summary>No minimum, no payment site configured, nothing measured yet.</summary>
    public static readonly MunicipalityFacts Egedal = new("240", "Egedal Kommune",
        new MunicipalRules(0, CompensationRule.StaysWithLibrary, 30),
        [new LibraryFacts("724000", "Egedal Bibliotekerne", new DateOnly(2027, 1, 4), 20_000)],
        null, MeasuredPaymentSpeed.NotMeasured());

    /// <summary>A municipality FeeBridge does not serve yet.</summary>
    public static readonly MunicipalityFacts Greve = new("253", "Greve Kommune", null, [], null, MeasuredPaymentSpeed.NotMeasured());

    public static IEnumerable<object[]> All() => new[] { Hørsholm, Rudersdal, Egedal, Greve }.Select(f => new object[] { f.Code });

    public static MunicipalityFacts Of(string code) => new[] { Hørsholm, Rudersdal, Egedal, Greve }.Single(f => f.Code == code);
}
