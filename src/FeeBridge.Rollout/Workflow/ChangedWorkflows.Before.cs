using static FeeBridge.Rollout.Workflow.StepKind;
using static FeeBridge.Rollout.Workflow.WorkflowLane;

namespace FeeBridge.Rollout.Workflow;

/// <summary>Before FeeBridge: the library collects its own claims; payments to the municipality reach FBS at night.</summary>
public static partial class ChangedWorkflows
{
    private const string NightRun = "Natlig kørsel på hverdage: op til 72 timer";

    private static WorkflowMoment FeeBefore() => new MomentBuilder("fee", MomentTitles[0])
        .Then("start", TimerStart, Fbs, "Afleveringsfristen er overskredet")
        .Then("calculate", ServiceTask, Fbs, "Beregner gebyret efter bibliotekets takster")
        .Then("show", ServiceTask, Fbs, "Viser gebyret under \"Mine gebyrer\"")
        .Then("see", UserTask, Citizen, "Ser gebyret på bibliotekets hjemmeside")
        .Then("end", End, Citizen, "Betales hos biblioteket")
        .Build();

    private static WorkflowMoment PaymentBefore() => new MomentBuilder("payment", MomentTitles[1])
        .Then("start", Start, Citizen, "Borgeren vil betale")
        .Then("where", Decision, Citizen, "Hvem opkræver kravet?")
        .Branch("where", "Biblioteket", isDefault: true)
        .Then("desk", ManualTask, LibraryDesk, "Tager imod betalingen i skranken eller på hjemmesiden")
        .Then("close-library", ServiceTask, Fbs, "Lukker gebyret og ophæver spærringen")
        .Then("end-library", End, Fbs, "Gælden er væk med det samme")
        .Branch("where", "Kommunen")
        .Then("pay-municipality", UserTask, Citizen, "Betaler på kommunens betalingsside")
        .Then("register", ServiceTask, DebtorSystem, "Registrerer betalingen")
        .Then("night", TimerWait, DebtorSystem, NightRun,
            "Betalingerne når først FBS ved den natlige kørsel på hverdage; bibliotekernes hjemmesider skriver derfor, at det kan tage op til 72 timer.")
        .Then("close-night", ServiceTask, Fbs, "Lukker gebyret og ophæver spærringen")
        .Then("end-night", End, Fbs, "Op til 72 timer efter betalingen")
        .Build();

    private static WorkflowMoment ReminderBefore(FactPhrases p) => new MomentBuilder("reminder", MomentTitles[2])
        .Then("start", TimerStart, Fbs, "Gebyret er ikke betalt")
        .Then("block", ServiceTask, Fbs, "Spærrer låneren, når gælden når spærregrænsen",
            $"Spærregrænse: {p.BlockThreshold} (FBS årsag E).")
        .Then("see", UserTask, Citizen, "Ser spærringen og kan ikke låne")
        .Then("explain", ManualTask, LibraryDesk, "Forklarer spærringen og tager imod betalingen")
        .Then("end", End, LibraryDesk, "Ingen rykker og ingen inddrivelse")
        .Build();

    private static WorkflowMoment CompensationBefore() => new MomentBuilder("compensation", MomentTitles[3])
        .Then("start", TimerStart, Fbs, "Materialet er ikke afleveret")
        .Then("create", ServiceTask, Fbs, "Opretter kravet om erstatning: genanskaffelse og gebyr")
        .Then("pay", UserTask, Citizen, "Betaler erstatningen hos biblioteket")
        .Then("close", ServiceTask, Fbs, "Lukker kravet og ophæver spærringen")
        .Then("end", End, Fbs, "Erstatningen er betalt")
        .Build();

    private static WorkflowMoment ItemTurnsUpBefore() => new MomentBuilder("item-found", MomentTitles[4])
        .Then("start", MessageStart, LibraryDesk, "Låneren afleverer materialet")
        .Then("receive", ManualTask, LibraryDesk, "Tager imod materialet og giver kvittering")
        .Then("write-down", ServiceTask, Fbs, "Nedskriver erstatningen")
        .Then("paid", Decision, Fbs, "Var erstatningen betalt?")
        .Branch("paid", "Nej", isDefault: true)
        .Then("end-unpaid", End, Fbs, "Kravet er nedskrevet")
        .Branch("paid", "Ja")
        .Then("refund", ManualTask, LibraryDesk, "Refunderer erstatningen (gebyrer refunderes ikke)")
        .Then("end-refunded", End, LibraryDesk, "Erstatningen er refunderet")
        .Build();

    private static WorkflowMoment CprBefore() => new MomentBuilder("cpr", MomentTitles[5])
        .Then("start", MessageStart, Fbs, "Låneren får nyt CPR-nummer")
        .Then("correct", ServiceTask, Fbs, "Retter CPR-nummeret på lånerkontoen")
        .Then("end", End, Fbs, "Gælden følger lånerkontoen")
        .Build();

    private static IReadOnlyList<LaneText> LanesBefore() =>
    [
        new(Citizen, Citizen.Title(), "Betaler bibliotekets gebyrer og erstatninger i skranken eller på bibliotekets hjemmeside. Det, kommunen opkræver, " +
            "betales på kommunens betalingsside, men gælden og spærringen ændres først ved den natlige kørsel: op til 72 timer."),
        new(LibraryDesk, LibraryDesk.Title(), "Tager imod betalinger, forklarer spærringer og refunderer erstatninger for materialer, der dukker op."),
        new(Finance, Finance.Title(), "Har ingen opgaver med bibliotekets gebyrer: biblioteket opkræver selv."),
        new(Fbs, Fbs.Title(), "Beregner gebyrer og erstatninger, viser dem og spærrer låneren. Betalinger fra kommunen kommer ved natlige kørsler på hverdage."),
        new(Bridge, Bridge.Title(), "Findes ikke endnu: betalinger hos kommunen når kun FBS ved de natlige kørsler."),
        new(DebtorSystem, DebtorSystem.Title(), "Melder betalinger til FBS i natlige kørsler på hverdage, så der kan gå op til 72 timer."),
        new(Collector, Collector.Title(), "Får ikke bibliotekets krav: biblioteket kan spærre, men ikke sende til inddrivelse."),
    ];
}
