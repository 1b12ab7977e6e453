using FeeBridge.DebtorSystem.Contract;
using FeeBridge.DebtorSystem.Mapping;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Server.Claims;
using FeeBridge.Server.Hosting;
using FeeBridge.Application;
using FeeBridge.Application.Claims;
using FeeBridge.Application.Observability;

namespace FeeBridge.Server.Citizen;

/// <summary>One claim as the citizen sees it.</summary>
/// <param name="ChildFirstName">Set when the citizen is liable as a guardian: the child's first name.</param>
/// <param name="Status">The state's words; null for a claim that stays with the library.</param>
/// <param name="Interest">The debtor system's interest; null when unknown (not there, or it has not answered).</param>
/// <param name="Outstanding">What is left to pay: principal plus interest and reminder fees where known.</param>
public sealed record CitizenClaim(
    string AgencyName, string ClaimId, ClaimKind Kind, string Title, IReadOnlyList<string> Materials, string? ChildFirstName,
    CitizenStatus? Status, Money Principal, Money? Interest, Money? ReminderFees, Money Outstanding,
    DateOnly? LastOnTimePaymentDate, string? PaymentLine, string? PaymentUrl, DateOnly CreatedOn, string? Note);

/// <summary>One of the two lists, and what it adds up to (open claims only).</summary>
public sealed record CitizenList(IReadOnlyList<CitizenClaim> Claims, Money Total);

/// <summary>How a library wants to be paid, for the library list.</summary>
public sealed record LibraryInstructions(string AgencyName, string Text, string? PaymentUrl);

/// <summary>How fresh the debtor system's figures are, when that needs saying.</summary>
public sealed record DebtorSystemFreshness(bool Reachable, DateTimeOffset? AsOf);

/// <summary>Everything the citizen page (and its JSON twin) shows for the person logged in.</summary>
public sealed record CitizenOverview(
    string Name, string MaskedId, CitizenList Municipality, CitizenList Library, Money Total,
    IReadOnlyList<CitizenClaim> RecentlySettled, IReadOnlyList<LibraryInstructions> LibraryInstructions,
    DebtorSystemFreshness? Freshness, PaymentSpeedStatement Speed, IReadOnlyList<FaqEntry> Faq, DateTimeOffset AsOf)
{
    public bool IsEmpty => Municipality.Claims.Count == 0 && Library.Claims.Count == 0 && RecentlySettled.Count == 0;
}

/// <summary>
/// Builds the overview for one logged-in citizen: every claim they are liable for (their own, and as guardian a
/// child's), split into what the municipality collects and what stays with the library, with the debtor system's
/// interest, reminder fees and payment details (asked by the citizen's own identity, cached as in the balance call).
/// Only the identity from the session goes in: nothing a request names can widen what is read.
/// </summary>
public sealed class CitizenOverviews(FeeBridgeStore store, Tenants tenants, DebtorBalances balances, PaymentSpeed speed, CitizenTexts texts,
    TimeProvider clock)
{
    public async Task<CitizenOverview> ForAsync(CitizenIdentity who, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = PaymentDeadline.LocalDate(now);
        var claims = await store.Claims.LiableClaimsAsync(who.Party, ct);

        // The debtor system is asked once per municipality the citizen has claims in, by the citizen's identity.
        var views = new Dictionary<string, DebtorSystemView>();
        foreach (var municipality in claims.Where(c => c.Route == ClaimRoute.DebtorSystem).Select(c => c.Header.Municipality).Distinct())
            views[municipality.Value] = await balances.ForAsync(municipality, who.Party, ct);

        var open = new List<CitizenClaim>();
        var library = new List<CitizenClaim>();
        var libraryAgencies = new HashSet<string>();
        var settled = new List<CitizenClaim>();
        var since = now.AddMonths(-12);
        foreach (var claim in claims)
        {
            var item = Describe(claim, who, views.GetValueOrDefault(claim.Header.Municipality.Value), today);
            if (claim.IsClosed)
            {
                if (claim.UpdatedAt >= since) settled.Add(item);
            }
            else if (claim.Route == ClaimRoute.Library)
            {
                library.Add(item);
                libraryAgencies.Add(claim.Header.AgencyId.Value);
            }
            else open.Add(item);
        }

        var municipalityList = new CitizenList(open, Sum(open));
        var libraryList = new CitizenList(library, Sum(library));
        var instructions = libraryAgencies.Select(tenants.Agency).OfType<AgencySettings>().Select(texts.LibraryInstructions).ToList();
        var freshness = views.Count == 0 ? null : new DebtorSystemFreshness(
            views.Values.All(v => v.UnreachableSince is null),
            views.Values.Select(v => v.AsOf).Min());
        var municipalities = claims.Select(c => c.Header.Municipality.Value).Distinct().ToList();
        var published = new Dictionary<string, string>();
        foreach (var m in municipalities)
            if (await store.Rollout.Faqs.PublishedAsync(FeeBridge.Domain.Kommunekode.Parse(m), ct) is { } own) published[m] = own.Markdown;
        var faq = texts.Faq(municipalities, published);
        return new CitizenOverview(who.Name, who.MaskedId, municipalityList, libraryList, municipalityList.Total + libraryList.Total,
            [.. settled.OrderByDescending(c => c.CreatedOn)], instructions, freshness, await speed.StatementAsync(ct), faq, now);
    }

    private CitizenClaim Describe(ClaimState claim, CitizenIdentity who, DebtorSystemView? view, DateOnly today)
    {
        var h = claim.Header;
        var agency = tenants.Agency(h.AgencyId.Value);
        var agencyName = agency?.Name ?? h.AgencyId.Value;
        var child = h.Guardian is { } g && who.Party.Cpr == g ? FirstName(h.DebtorName) : null;
        var title = h.Reason ?? (h.Kind == ClaimKind.Fee ? "Gebyr" : "Erstatning");
        // What each line concerns: the item (by its number) and the line's own text where it says more than the title.
        var materials = h.Lines.Select(l => (l.Text == title ? null : l.Text, l.MaterialItemNumber) switch
            {
                ({ } t, { } m) => $"{t} (eksemplar {m})",
                (null, { } m) => $"eksemplar {m}",
                ({ } t, null) => t,
                _ => null,
            }).OfType<string>().Distinct().ToList();
        var principal = Money.Max(Money.Zero, claim.Amount - claim.WrittenDown);
        var createdOn = PaymentDeadline.LocalDate(h.CreatedAt);

        if (claim.Route != ClaimRoute.DebtorSystem)
        {
            // Stays with the library: before the cut-over date, a kind the municipality does not collect, or (for now)
            // below the municipality's minimum.
            var libraryNote = claim.HoldReason == HoldReason.BelowMinimum
                ? "Betal gerne på biblioteket. Ellers sendes beløbet til kommunen sammen med dine andre gebyrer, når de tilsammen når kommunens mindstebeløb."
                : null;
            return new CitizenClaim(agencyName, h.ClaimId, h.Kind, title, materials, child, claim.IsClosed ? Settled(claim) : null,
                principal, null, null, claim.Outstanding, null, null, null, createdOn, libraryNote);
        }

        var theirs = view?.Claims?.GetValueOrDefault(h.Key.FagsystemFordringId);
        var interest = theirs?.Renter;
        var fees = theirs?.Rykkergebyrer;
        var outstanding = claim.Outstanding + (interest ?? Money.Zero) + (fees ?? Money.Zero);
        var status = CitizenStatuses.For(claim.Status, theirs?.Status, theirs?.SidsteRettidigeBetalingsdato ?? claim.LastOnTimePaymentDate, today);
        var line = theirs is { } t2 && !claim.IsClosed && FiPaymentId.IsValidCreditorNumber(t2.Kreditornummer) ? t2.BetalingsId.ToPaymentLine(t2.Kreditornummer) : null;
        var note = claim.Status switch
        {
            ClaimStatus.Received or ClaimStatus.Queued => "Kravet er på vej til kommunen. Du får en opkrævning i Digital Post eller med posten.",
            ClaimStatus.Rejected => "Kommunen kunne ikke oprette kravet. Biblioteket retter det; du skal ikke gøre noget nu.",
            _ => null,
        };
        return new CitizenClaim(agencyName, h.ClaimId, h.Kind, title, materials, child, status, principal, interest, fees, outstanding,
            theirs?.SidsteRettidigeBetalingsdato ?? claim.LastOnTimePaymentDate, line, texts.PaymentUrl(h.Municipality.Value), createdOn, note);
    }

    private static CitizenStatus Settled(ClaimState claim) => CitizenStatuses.For(claim.Status, null, null, default);

    private static Money Sum(IEnumerable<CitizenClaim> claims) => claims.Aggregate(Money.Zero, (sum, c) => sum + c.Outstanding);

    private static string? FirstName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "dit barn" : name.Trim().Split(' ', 2)[0];
}
