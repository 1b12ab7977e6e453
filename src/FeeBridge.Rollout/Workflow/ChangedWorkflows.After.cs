using FeeBridge.Rollout.Communication;
using static FeeBridge.Rollout.Workflow.StepKind;
using static FeeBridge.Rollout.Workflow.WorkflowLane;

namespace FeeBridge.Rollout.Workflow;

/// <summary>
/// With FeeBridge: from each library's cut-over date its new claims go to the debtor system (DOMAIN.md §4, in the
/// order FeeBridge's ClaimRouter applies the rules: cut-over, kind, minimum), and payments come back to FBS as soon as
/// the debtor system reports them.
/// </summary>
public static partial class ChangedWorkflows
{
    private static WorkflowMoment FeeAfter(FactPhrases p)
    {
        var m = new MomentBuilder("fee", MomentTitles[0])
            .Then("start", TimerStart, Fbs, "Afleveringsfristen er overskredet")
            .Then("calculate", ServiceTask, Fbs, "Beregner gebyret og sender det til FeeBridge")
            .Then("cut-over", Decision, Bridge, p.CutOverQuestion,
                "Krav oprettet før bibliotekets skæringsdato bliver hos biblioteket, til de er betalt eller afskrevet (DOMAIN.md §4).")
            .Branch("cut-over", "Ja")
            .Then("stays", ServiceTask, Fbs, "Bliver hos biblioteket som før")
            .Then("end-library", End, Fbs, "Betales hos biblioteket")
            .Branch("cut-over", "Nej", isDefault: true);
        if (p.Minimum is not 0)
        {
            m.Then("minimum", Decision, Bridge, $"Under {p.MinimumText} i alt for låneren?",
                    "Krav under minimum venter, til lånerens ventende krav tilsammen når det; så sendes de samlet.")
                .Branch("minimum", "Ja")
                .Then("wait", ServiceTask, Bridge, "Venter på lånerens næste krav")
                .Then("end-waiting", End, Bridge, $"Sendes samlet, når {p.MinimumText} er nået")
                .Branch("minimum", "Nej", isDefault: true);
        }
        return m
            .Then("send", ServiceTask, Bridge, "Sender kravet videre som gebyr", "Fordringsart BIBGEBYR i SF1590 DebitorRegistrering.")
            .Then("register", ServiceTask, DebtorSystem, "Registrerer kravet på lånerens debitorkonto")
            .Then("accepted", Decision, DebtorSystem, "Modtaget uden fejl?")
            .Branch("accepted", "Ja", isDefault: true)
            .Then("invoice", ServiceTask, DebtorSystem, "Sender faktura til Digital Post",
                $"Sidste rettidige betaling: {p.PaymentDays} efter kravet er oprettet.")
            .Then("end-invoiced", End, Citizen, $"Fakturaen er i e-Boks (betales inden {p.PaymentDays})")
            .Branch("accepted", "Nej")
            .Then("rejected", UserTask, Finance, "Retter det afviste krav i FeeBridges kø og sender igen")
            .Then("end-rejected", End, Finance, "Det afviste krav er løst")
            .Build();
    }

    private static WorkflowMoment PaymentAfter(FactPhrases p) => new MomentBuilder("payment", MomentTitles[1])
        .Then("start", Start, Citizen, "Borgeren vil betale")
        .Then("list", Decision, Citizen, "Hvilken liste står kravet på?",
            "I en overgang ser borgeren to lister: \"betal her\" (bibliotekets gamle krav) og \"betal hos kommunen\".")
        .Branch("list", "Hos kommunen", isDefault: true)
        .Then("pay", UserTask, Citizen, "Betaler på kommunens betalingsside med MitID", $"Betales på {p.PaymentSite}.")
        .Then("register", ServiceTask, DebtorSystem, "Registrerer betalingen og melder den til FeeBridge")
        .Then("notify", ServiceTask, Bridge, p.WithSpeed("Melder betalingen til FBS"), $"Målt: {p.SpeedLong}.")
        .Then("close", ServiceTask, Fbs, "Lukker kravet og ophæver spærringen")
        .Then("end-shown", End, Fbs, p.Measured
            ? $"Vist efter {DanishText.Duration(p.Facts.Speed.Median!.Value)}, 95 % inden for {DanishText.Duration(p.Facts.Speed.P95!.Value)}"
            : "Vist, så snart debitorsystemet har meldt betalingen")
        .Branch("list", "Hos biblioteket")
        .Then("pay-library", UserTask, Citizen, "Betaler på bibliotekets hjemmeside under \"Mine gebyrer\"",
            $"Krav oprettet før {p.CutOver} betales som før.")
        .Then("close-library", ServiceTask, Fbs, "Lukker gebyret og ophæver spærringen")
        .Then("end-library", End, Fbs, "Det gamle krav er betalt")
        .Branch("list", "I skranken")
        .Then("desk", ManualTask, LibraryDesk, "Tager ikke imod betaling; viser vej til betalingssiden")
        .Then("end-desk", End, LibraryDesk, "Borgeren betaler selv på nettet")
        .Build();

    private static WorkflowMoment ReminderAfter(FactPhrases p) => new MomentBuilder("reminder", MomentTitles[2])
        .Then("start", TimerStart, DebtorSystem, $"Sidste rettidige betaling er passeret ({p.PaymentDays})")
        .Then("remind", ServiceTask, DebtorSystem, "Sender rykker i Digital Post med rykkergebyr",
            "Offentlige krav: rykkergebyr op til 250 kr. pr. rykker; civile krav: højst 3 rykkere à højst 100 kr. med mindst 10 dages mellemrum (DOMAIN.md §4).")
        .Then("show", ServiceTask, Bridge, "Viser rykkergebyr og renter for borgeren på /borger")
        .Then("pays", Decision, Citizen, "Betaler borgeren efter rykkeren?")
        .Branch("pays", "Ja")
        .Then("end-paid", End, Citizen, "Som \"Borgeren betaler\"")
        .Branch("pays", "Nej", isDefault: true)
        .Then("hand-off", ServiceTask, DebtorSystem, "Sender kravet til inddrivelse efter skriftlig varsel",
            "Først når sidste rettidige betalingsdag er passeret, rykkerne ikke har virket, og skyldneren er varslet skriftligt (DOMAIN.md §4).")
        .Then("collect", ServiceTask, Collector, "Inddriver kravet og melder dækningen til kommunen")
        .Then("register", ServiceTask, DebtorSystem, "Registrerer dækningen og melder den til FeeBridge")
        .Then("notify", ServiceTask, Bridge, p.WithSpeed("Melder dækningen til FBS"))
        .Then("lift", ServiceTask, Fbs, "Lukker kravet og ophæver spærringen")
        .Then("end-collected", End, Fbs, "Spærringen ophæves, når Gældsstyrelsen har meldt betaling")
        .Build();

    private static WorkflowMoment CompensationAfter(FactPhrases p)
    {
        var m = new MomentBuilder("compensation", MomentTitles[3])
            .Then("start", TimerStart, Fbs, "Materialet er ikke afleveret")
            .Then("create", ServiceTask, Fbs, "Opretter kravet om erstatning og sender det til FeeBridge",
                $"Skæringsdato og minimum gælder som for gebyrer ({p.CutOver}; {p.MinimumText}).")
            .Then("acknowledged", Decision, Bridge, "Har låneren kvitteret for kravet?",
                "Erstatning kan kun inddrives, når låneren har kvitteret skriftligt, eller biblioteket giver kvittering ved aflevering (DOMAIN.md §4).")
            .Branch("acknowledged", "Ja")
            .Then("public", ServiceTask, Bridge, "Sender det som offentligt krav", "Fordringsart BIBERSTATNING: kan inddrives.")
            .Then("collect-public", ServiceTask, DebtorSystem, "Opkræver; kan sendes til inddrivelse")
            .Then("end-public", End, DebtorSystem, "Opkræves som et gebyr")
            .Branch("acknowledged", "Nej", isDefault: true);
        return (p.Facts.Rules?.UnacknowledgedCompensation switch
        {
            CompensationRule.SentAsCivilClaim => m
                .Then("civil", ServiceTask, Bridge, "Sender det som civilt krav", "Fordringsart BIBERSTATNINGCIVIL: kan ikke inddrives af Gældsstyrelsen.")
                .Then("collect-civil", ServiceTask, DebtorSystem, "Opkræver med højst 3 rykkere à 100 kr.")
                .Then("end-civil", End, DebtorSystem, "Kan ikke inddrives af Gældsstyrelsen"),
            CompensationRule.StaysWithLibrary => m
                .Then("held", ServiceTask, Fbs, "Bliver hos biblioteket (kommunens regel)")
                .Then("end-held", End, Fbs, "Betales hos biblioteket"),
            _ => m
                .Then("unknown", ServiceTask, Bridge, "Holder kravet: kommunens regel er ikke sat op")
                .Then("end-unknown", End, Bridge, "Venter på kommunens valg"),
        }).Build();
    }

    private static WorkflowMoment ItemTurnsUpAfter() => new MomentBuilder("item-found", MomentTitles[4])
        .Then("start", MessageStart, LibraryDesk, "Låneren afleverer materialet")
        .Then("receive", ManualTask, LibraryDesk, "Tager imod materialet og giver kvittering")
        .Then("write-down", ServiceTask, Fbs, "Nedskriver erstatningen og melder det til FeeBridge")
        .Then("where", Decision, Bridge, "Er kravet sendt til kommunen?")
        .Branch("where", "Ja", isDefault: true)
        .Then("send", ServiceTask, Bridge, "Sender nedskrivningen videre til kommunen")
        .Then("write-down-debtor", ServiceTask, DebtorSystem, "Nedskriver kravet")
        .Then("paid", Decision, DebtorSystem, "Var erstatningen betalt?")
        .Branch("paid", "Nej", isDefault: true)
        .Then("end-unpaid", End, DebtorSystem, "Fakturaen er nedskrevet")
        .Branch("paid", "Ja")
        .Then("refund", UserTask, Finance, "Udbetaler refusion (erstatningen, ikke gebyrer)")
        .Then("end-refunded", End, Finance, "Erstatningen er refunderet")
        .Branch("where", "Nej")
        .Then("refund-library", ManualTask, LibraryDesk, "Refunderer en betalt erstatning som før")
        .Then("end-library", End, LibraryDesk, "Klaret hos biblioteket")
        .Build();

    private static WorkflowMoment CprAfter() => new MomentBuilder("cpr", MomentTitles[5])
        .Then("start", MessageStart, Fbs, "Låneren får nyt CPR-nummer")
        .Then("correct", ServiceTask, Fbs, "Retter CPR-nummeret og melder det til FeeBridge")
        .Then("open", Decision, Bridge, "Har låneren krav hos kommunen?")
        .Branch("open", "Nej", isDefault: true)
        .Then("end-none", End, Bridge, "Intet at rette hos kommunen")
        .Branch("open", "Ja")
        .Then("send", ServiceTask, Bridge, "Sender skiftet af debitor videre til kommunen", "SF1590: skift af juridisk ansvarlig på de åbne krav.")
        .Then("move", ServiceTask, DebtorSystem, "Flytter kravene til det nye CPR-nummer")
        .Then("end-moved", End, DebtorSystem, "Rykkere og fakturaer går til det nye nummer")
        .Build();

    private static IReadOnlyList<LaneText> LanesAfter(FactPhrases p)
    {
        var rules = p.Facts.Rules is { } r
            ? $"minimum {p.MinimumText}" + (r.MinimumOre == 0 ? " (intet minimum)" : "") + "; erstatning uden kvittering " +
              (r.UnacknowledgedCompensation == CompensationRule.SentAsCivilClaim ? "sendes som civilt krav" : "bliver hos biblioteket")
            : $"kommunens regler er {FactPhrases.NotConfigured}";
        return
        [
            new(Citizen, Citizen.Title(), $"Krav oprettet fra {p.CutOver} betales på {p.PaymentSite} med MitID, og fakturaen kommer i Digital Post. " +
                "Ældre krav betales som før hos biblioteket, så i en overgang ser borgeren to lister. " +
                $"En betaling vises hos biblioteket og på /borger {p.ShownAfter}."),
            new(LibraryDesk, LibraryDesk.Title(), "Tager ikke imod betaling for nye krav, men viser borgeren vej til kommunens betalingsside og forklarer de to lister. " +
                "Tager stadig imod materialer og giver kvittering; refunderer kun erstatninger, der blev betalt hos biblioteket."),
            new(Finance, Finance.Title(), "Får bibliotekets nye krav i debitorsystemet med rykkere og inddrivelse som andre krav, " +
                "retter afviste krav fra FeeBridges kø og udbetaler refusion, når et betalt materiale dukker op."),
            new(Fbs, Fbs.Title(), "Sender nye krav, nedskrivninger og nye CPR-numre videre via FeeBridge i stedet for at opkræve selv; " +
                "lukker krav og ophæver spærringer, når FeeBridge melder en betaling."),
            new(Bridge, Bridge.Title(), $"Afgør for hvert krav, hvor det skal hen (skæringsdato {p.CutOver}; {rules}), " +
                $"sender det til debitorsystemet og melder betalinger tilbage til FBS: {p.SpeedLong}."),
            new(DebtorSystem, DebtorSystem.Title(), $"Registrerer kravene, sender fakturaer (betales inden {p.PaymentDays}) og rykkere, " +
                "og melder betalinger og afskrivninger til FeeBridge i stedet for at vente på natten."),
            new(Collector, Collector.Title(), "Inddriver gebyrer og kvitterede erstatninger, som kommunen sender til inddrivelse; " +
                "spærringen ophæves først, når Gældsstyrelsen har meldt betaling."),
        ];
    }
}
