using FeeBridge.Application;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Staff.Console;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>
/// The finance department's queue (<c>/staff/finance/{kommunekode}</c>): what waits for a person, oldest first, by
/// kind, with the debtor system's code and text; several items chosen and resolved with one action after a
/// confirmation of how many and what they add up to (<see cref="FinanceQueue.ResolveManyAsync"/>); and the totals per
/// day of what moved. A rejected claim's CPR is corrected on the desk's page of its patron.
/// </summary>
public sealed class FinanceModel(Tenants tenants, FinanceQueue queue) : ConsolePageModel
{
    public MunicipalityRules? Municipality { get; private set; }
    public QueuePage? Queue { get; private set; }
    public IReadOnlyList<DayTotals> Days { get; private set; } = [];
    public QueueKind? Kind { get; private set; }
    public (int Count, Money Amount, string Action)? Pending { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public List<string> ItemIds { get; set; } = [];
    [BindProperty] public string? Handling { get; set; }
    [BindProperty] public string? Begrundelse { get; set; }
    [BindProperty] public int Antal { get; set; }
    [BindProperty] public string? Beloeb { get; set; }

    public async Task<IActionResult> OnGetAsync(string? kommunekode, string? type, int? udfoert, CancellationToken ct)
    {
        if (kommunekode is null)
        {
            var mine = StaffMember.FinanceMunicipalities(tenants);
            return mine.Count == 0
                ? Refuse(StatusCodes.Status403Forbidden, "Køen er for kommunens debitormedarbejdere.")
                : Redirect($"/staff/finance/{mine[0].Code.Value}");
        }
        if (await LoadAsync(kommunekode, type, ct) is { } refused) return refused;
        if (udfoert is { } n) Message = $"{Invariant(n)} punkter er løst.";
        return Page();
    }

    public async Task<IActionResult> OnPostPrepareAsync(string kommunekode, string? type, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, type, ct) is { } refused) return refused;
        if (Checked() is { } problem) return Invalid(problem);
        var located = new List<LocatedItem>();
        foreach (var id in ItemIds.Distinct(StringComparer.Ordinal))
        {
            if (await queue.LocateAsync(Municipality!, id, ct) is { } item) located.Add(item);
        }
        if (located.Count == 0) return Invalid("De valgte punkter venter ikke længere.");
        var refusedKinds = located.Where(i => !FinanceQueue.ActionsFor(i.Kind, i.Row?.Reference).Contains(Handling!)).ToList();
        if (refusedKinds.Count > 0) return Invalid($"»{FinanceQueue.Words(Handling!)}« passer ikke til alle de valgte punkter. Vælg punkter af samme slags.");
        ItemIds = [.. located.Select(i => i.ItemId)];
        Pending = (located.Count, located.Aggregate(Money.Zero, (s, i) => s + i.Amount), Handling!);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string kommunekode, string? type, CancellationToken ct)
    {
        if (await LoadAsync(kommunekode, type, ct) is { } refused) return refused;
        if (Checked() is { } problem) return Invalid(problem);
        var amount = ParseMoney(Beloeb) ?? Money.Zero;
        var (confirmed, count, sum, results) = await queue.ResolveManyAsync(StaffMember, Municipality!, ItemIds, Handling!, Begrundelse!.Trim(), Antal, amount, ct);
        queue.Refresh(Municipality!);
        if (!confirmed)
        {
            Pending = (count, sum, Handling!);
            Problem = $"Køen har ændret sig, siden du valgte. Bekræft igen: {Invariant(count)} punkter, {Citizen.Kroner.Format(sum)}.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        var done = results.Count(r => r is Resolution.Done);
        return Redirect($"/staff/finance/{kommunekode}{(type is null ? "?" : $"?type={type}&")}udfoert={Invariant(done)}");
    }

    private string? Checked() => Handling switch
    {
        null or "" => "Vælg, hvad der skal ske.",
        FinanceQueue.CorrectDebtor => "Et CPR-nummer rettes på lånerens side under Skranken.",
        _ when ItemIds.Count == 0 => "Vælg mindst ét punkt.",
        _ when string.IsNullOrWhiteSpace(Begrundelse) => "Skriv en begrundelse; den gemmes i revisionssporet.",
        _ => null,
    };

    private async Task<IActionResult?> LoadAsync(string kommunekode, string? type, CancellationToken ct)
    {
        if (!StaffMember.WorksForMunicipality(kommunekode)) return Refuse(StatusCodes.Status403Forbidden, "Du ser kun din egen kommunes kø.");
        Municipality = tenants.Municipalities.FirstOrDefault(m => m.Code.Value == kommunekode);
        if (Municipality is null) return Refuse(StatusCodes.Status404NotFound, "FeeBridge betjener ikke den kommune.");
        Kind = StaffConsoleStore.TryParseKind(type, out var k) ? k : null;
        Queue = await queue.QueueAsync(Municipality, Kind, 200, ct);
        Days = await queue.TotalsAsync(Municipality, 14, ct);
        return null;
    }

    private IActionResult Invalid(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public static string KindWords(QueueKind k) => k switch
    {
        QueueKind.Rejected => "Afvist krav",
        QueueKind.Refused => "Afvist melding fra debitorsystemet",
        QueueKind.Attention => "Til opfølgning i FBS",
        QueueKind.Handling => "Afvist ændring",
        _ => "Venter på debitorsystemet",
    };

    public static string KindPlural(QueueKind k) => k switch
    {
        QueueKind.Rejected => "Afviste krav",
        QueueKind.Refused => "Afviste meldinger",
        QueueKind.Attention => "Til opfølgning i FBS",
        QueueKind.Handling => "Afviste ændringer",
        _ => "Venter",
    };

    /// <summary>An item's claim on the desk's page of its patron, where a CPR is corrected.</summary>
    public static string? PatronLink(QueueItem i) => i.AgencyId is { } a && i.PatronId is { } p ? PatronModel.Link(a, p) : null;

    public static string Sum(IReadOnlyDictionary<string, long> counts) => Count(counts.Values.Sum(), counts.Values.Any(AtCap));

    /// <summary>A kind's count as a person reads it: "1.000+" once it reaches what is counted (<see cref="StaffConsoleStore.CountUpTo"/>).</summary>
    public static string Count(long n, bool more = false) =>
        n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("da-DK")) + (more || AtCap(n) ? "+" : "");

    private static bool AtCap(long n) => n >= StaffConsoleStore.CountUpTo;
}
