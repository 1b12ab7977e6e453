using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Communication.Plan;

/// <summary>
/// The first plan a municipality gets, written from tasks 26 ("Forbered og kommunikér internt": informationsmøder,
/// intranettet, en orienteringsmail til ledelsen, en FAQ, et visuelt flow over de ændrede arbejdsgange) and its
/// external twin (bibliotekets hjemmeside, nyhedsbrev, SMS til lånere i en SMS-ordning, plakater på biblioteket), with
/// the municipality's facts filled in. Dates count from the first library's cut-over, so they follow the
/// configuration; the follow-up after the last library moved keeps the plan alive after go-live (DOMAIN.md §8).
/// Owners: the primary project leader (task 26 and 27's recommended performer), the ØiR coordinator for finance.
/// </summary>
public static class DefaultPlan
{
    public static IReadOnlyList<PlanRow> For(MunicipalityFacts facts, MunicipalOrganisation gallery)
    {
        var leader = Primary(gallery, RoleId.Projektleder);
        var finance = Primary(gallery, RoleId.OeirKoordinator) ?? leader;
        var cutOver = facts.Libraries.Count == 0 ? "overgangsdatoen" : DanishText.Date(facts.Libraries.Min(l => l.CutOverDate));
        var pay = facts.PaymentSite is { } site ? $"på kommunens betalingsside ({site}) med MitID" : "på kommunens betalingsside med MitID";
        var minimum = facts.Rules is { MinimumOre: > 0 } r
            ? $"Krav under {DanishText.Kroner(r.MinimumOre)} venter, til lånerens krav tilsammen når {DanishText.Kroner(r.MinimumOre)}."
            : "Alle krav sendes videre, uanset beløb.";
        var compensation = facts.Rules?.UnacknowledgedCompensation == CompensationRule.SentAsCivilClaim
            ? "Erstatningskrav, som låneren ikke har kvitteret for, kommer som civilretlige krav (uden inddrivelse hos Gældsstyrelsen)."
            : "Erstatningskrav, som låneren ikke har kvitteret for, bliver på biblioteket.";
        var speed = facts.Speed.IsMeasured
            ? $"En betaling vises i bibliotekssystemet efter {DanishText.Duration(facts.Speed.Median!.Value)} (median, målt af FeeBridge)."
            : "Hvor hurtigt en betaling vises, er ikke målt endnu; lov ikke en tid.";
        var older = $"Gebyrer fra før {cutOver} betales som hidtil på biblioteket.";
        var first = (int days) => PlanDate.Relative(PlanMilestone.FirstCutOver, days);
        var all = new[] { PlanAudience.LibraryStaff, PlanAudience.FinanceStaff };

        return
        [
            Row("d-01", "Orientering af ledelsen", [PlanAudience.Management],
                [$"Fra {cutOver} sender bibliotekerne gebyrer og erstatningskrav til kommunens debitorsystem.", "Bibliotekerne tager ikke længere imod betaling.", $"Borgerne betaler {pay}."],
                "Ledelsen kender forandringen og bakker op om den.", PlanChannel.Email,
                ["Send orienteringsmailen til ledelsen.", "Markér rækken som udført."], leader, first(-42)),
            Row("d-02", "Informationsmøde for bibliotekspersonalet", [PlanAudience.LibraryStaff],
                ["Betaling tages ikke længere ved skranken.", $"Borgeren betaler {pay}.", older, "Hvad du svarer borgeren (se FAQ'en)."],
                "Personalet ved skranken kan svare borgerne.", PlanChannel.Meeting,
                ["Book møde på hvert bibliotek.", "Gennemgå FAQ'en og flowet over de ændrede arbejdsgange."], leader, first(-28)),
            Row("d-03", "Information til økonomi- og debitormedarbejderne", [PlanAudience.FinanceStaff],
                ["Bibliotekernes krav kommer i debitorsystemet.", minimum, compensation, "Sådan håndteres afviste krav."],
                "Økonomi kan overtage opkrævning, rykkere og inddrivelse.", PlanChannel.Meeting,
                ["Aftal møde med debitorafdelingen.", "Gennemgå kravtyper og afvisninger."], finance, first(-28)),
            Row("d-04", "Artikel og flow på intranettet", all,
                ["Hvad ændrer sig for bibliotek og økonomi.", "Det visuelle flow over de ændrede arbejdsgange.", speed],
                "Alle berørte kan slå forandringen op.", PlanChannel.Intranet,
                ["Læg artiklen og flowet (BPMN) på intranettet.", "Link til FAQ'en."], leader, first(-21)),
            Row("d-05", "Tekst på bibliotekets hjemmeside", [PlanAudience.Citizens],
                [$"Fra {cutOver} betaler du {pay}.", older, speed],
                "Borgerne ved, hvor og hvordan de betaler.", PlanChannel.Website,
                ["Tilret selvbetjeningssiden (DPL CMS): hvilke lister den viser, hvor man betaler.", "Læg FAQ'en på hjemmesiden."], leader, first(-14)),
            Row("d-06", "Nyhedsbrev til lånerne", [PlanAudience.Citizens],
                [$"Fra {cutOver} betaler du {pay}.", older],
                "Faste lånere er oplyst før overgangen.", PlanChannel.Newsletter,
                ["Skriv nyhedsbrevet ud fra udkastet.", "Send det til lånerne."], leader, first(-14)),
            Row("d-07", "Plakater på bibliotekerne", [PlanAudience.Citizens],
                [$"Fra {cutOver} betaler du {pay}."],
                "Borgere på biblioteket ser ændringen.", PlanChannel.Poster,
                ["Print plakaten (A4/A3) og hæng den op ved skranken og automaterne."], leader, first(-14)),
            Row("d-08", "Skrankekort med svar til borgerne", [PlanAudience.LibraryStaff, PlanAudience.Citizens],
                ["Hvor borgeren betaler.", older, "Kontant betaling: via bank eller Borgerservice."],
                "Svaret er lige ved hånden ved skranken.", PlanChannel.DeskCard,
                ["Print skrankekortet og læg det ved hver skranke."], leader, first(-7)),
            Row("d-09", "SMS til lånere tilmeldt SMS-ordningen", [PlanAudience.SmsPatrons],
                [$"Fra {cutOver} betales gebyrer på kommunens betalingsside."],
                "Lånere i SMS-ordningen får besked direkte.", PlanChannel.Sms,
                ["Skriv SMS'en i SMS-editoren (GSM-7, helst én SMS).", "Send den til lånerne."], leader, first(-7)),
            Row("d-10", "Opfølgning efter overgangen", [PlanAudience.Management, PlanAudience.LibraryStaff, PlanAudience.FinanceStaff],
                ["Hvad er flyttet, og hvad er afvist.", "Spørgsmål fra borgerne, og om FAQ'en skal rettes."],
                "Planen holdes levende efter overgangen.", PlanChannel.Meeting,
                ["Gennemgå FeeBridges overblik over krav og betalinger.", "Ret FAQ'en og hjemmesiden efter behov."], leader,
                PlanDate.Relative(PlanMilestone.LastCutOver, 30)),
        ];
    }

    private static PlanRow Row(string id, string occasion, IReadOnlyList<PlanAudience> audiences, IReadOnlyList<string> messages, string aim,
        PlanChannel channel, IReadOnlyList<string> actions, EmailAddress? owner, PlanDate date) =>
        new(id, occasion, audiences, messages, aim, channel, actions, owner, date, PlanRowStatus.Planned);

    private static EmailAddress? Primary(MunicipalOrganisation gallery, RoleId role)
    {
        var people = gallery.Members(role).People;
        return (people.FirstOrDefault(p => p.Primary) ?? people.FirstOrDefault())?.Email;
    }
}
