using System.Globalization;
using FeeBridge.Application;
using FeeBridge.Domain.Claims;
using FeeBridge.Domain.Routing;
using FeeBridge.Server.Citizen;
using FeeBridge.Server.Staff.Console;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>
/// One patron at the desk (<c>/staff/desk/{agencyId}/patrons/{patronId}</c>): what to tell the citizen, where each
/// claim is, the figures with the debtor system's interest and fees, the FI +71 line to read out, the payment site,
/// whether FBS's block matches, each claim's timeline; and the commands — write down or cancel chosen claims after a
/// confirmation of "N krav, X kr.", correct the CPR/CVR, see the full CPR for a reason — through
/// <see cref="ConsoleCommands"/>, as the API.
/// </summary>
public sealed class PatronModel(Tenants tenants, PatronDesk desk, ConsoleCommands commands) : ConsolePageModel
{
    public static string Link(string agencyId, string patronId) => $"/staff/desk/{agencyId}/patrons/{Uri.EscapeDataString(patronId)}";

    public DeskPatron? Patron { get; private set; }
    public IReadOnlyList<AgencySettings> Agencies { get; private set; } = [];

    /// <summary>The confirmation to show: what the chosen command would act on.</summary>
    public Selection? Pending { get; private set; }
    public string? PendingCommand { get; private set; }

    /// <summary>A message after a command (PRG), or why it was refused.</summary>
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    /// <summary>The full number shown after a stated reason (only in this one answer).</summary>
    public (string ClaimId, string Number)? Revealed { get; private set; }

    [BindProperty] public List<string> ClaimIds { get; set; } = [];
    [BindProperty] public string? Kommando { get; set; }
    [BindProperty] public string? Aarsag { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Begrundelse { get; set; }
    [BindProperty] public int Antal { get; set; }
    [BindProperty] public string? Beloeb { get; set; }
    [BindProperty] public string? RequestId { get; set; }
    [BindProperty] public string? Nummer { get; set; }
    [BindProperty] public bool Kontrolleret { get; set; }
    [BindProperty] public string? Krav { get; set; }

    public string? Bibliotek => Patron?.Agency.Id.Value;
    public string? Q => null;

    public async Task<IActionResult> OnGetAsync(string agencyId, string patronId, string? udfoert, int? antal, string? beloeb, CancellationToken ct)
    {
        if (await LoadAsync(agencyId, patronId, ct) is { } refused) return refused;
        Message = udfoert switch
        {
            "nedskrevet" => $"{Invariant(antal ?? 0)} krav, {Kroner.Format(ParseMoney(beloeb) ?? Money.Zero)} er nedskrevet.",
            "annulleret" => $"{Invariant(antal ?? 0)} krav, {Kroner.Format(ParseMoney(beloeb) ?? Money.Zero)} er annulleret.",
            "rettet" => $"Debitor er rettet. {Invariant(antal ?? 0)} åbne krav følger det nye nummer; afviste krav sendes til kommunen igen.",
            _ => null,
        };
        return Page();
    }

    /// <summary>Step one of a command: what it would act on, to confirm.</summary>
    public async Task<IActionResult> OnPostPrepareAsync(string agencyId, string patronId, CancellationToken ct)
    {
        if (await LoadAsync(agencyId, patronId, ct) is { } refused) return refused;
        if (Checked() is { } problem) return Invalid(problem);
        var (selection, invalid) = await commands.SelectAsync(Patron!.Agency, patronId, ClaimIds, ct);
        if (invalid is not null) return Invalid(Danish(invalid.Message));
        Pending = selection;
        PendingCommand = Kommando;
        RequestId = Guid.NewGuid().ToString("N");
        return Page();
    }

    /// <summary>Step two: carried out only if the claims still add up to what was confirmed.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string agencyId, string patronId, CancellationToken ct)
    {
        if (await LoadAsync(agencyId, patronId, ct) is { } refused) return refused;
        if (Checked() is { } problem) return Invalid(problem);
        var amount = ParseMoney(Beloeb) ?? Money.Zero;
        var agency = Patron!.Agency;
        var result = Kommando == "nedskriv"
            ? await commands.WriteDownAsync(StaffMember, agency, patronId, ClaimIds, Reason(), Blank(Note), Antal, amount, RequestId, ct)
            : await commands.CancelAsync(StaffMember, agency, patronId, ClaimIds, Begrundelse!.Trim(), Antal, amount, ct);
        switch (result)
        {
            case CommandResult.Done d:
                return Redirect($"{Link(agencyId, patronId)}?udfoert={(Kommando == "nedskriv" ? "nedskrevet" : "annulleret")}&antal={Invariant(d.Selection.Count)}&beloeb={d.Selection.Amount}");
            case CommandResult.NotConfirmed n:
                // The claims changed meanwhile: confirm again what they add up to now.
                Pending = n.Selection;
                PendingCommand = Kommando;
                Problem = $"Kravene har ændret sig, siden du valgte dem. Bekræft igen: {n.Selection.Text}.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case CommandResult.Invalid i:
                return Invalid(Danish(i.Message));
            default:
                throw new InvalidOperationException();
        }
    }

    public async Task<IActionResult> OnPostCorrectAsync(string agencyId, string patronId, CancellationToken ct)
    {
        if (await LoadAsync(agencyId, patronId, ct) is { } refused) return refused;
        var number = Nummer?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        DebtorId? debtor = Cpr.TryParse(number, out var cpr, out _) ? DebtorId.Person(cpr)
            : Cvr.TryParse(number, out var cvr, out _) ? DebtorId.Organisation(cvr) : null;
        Nummer = null; // never shown again
        if (debtor is null) return Invalid("Skriv et gyldigt CPR-nummer (10 cifre) eller CVR-nummer (8 cifre).");
        if (string.IsNullOrWhiteSpace(Begrundelse)) return Invalid("Skriv en begrundelse for rettelsen.");
        if (!Kontrolleret) return Invalid("Bekræft, at du har kontrolleret nummeret med borgeren.");
        var changed = await commands.CorrectDebtorAsync(StaffMember, Patron!.Agency, patronId, debtor.Value, Begrundelse.Trim(), ct);
        return Redirect($"{Link(agencyId, patronId)}?udfoert=rettet&antal={Invariant(changed)}");
    }

    public async Task<IActionResult> OnPostRevealAsync(string agencyId, string patronId, CancellationToken ct)
    {
        if (await LoadAsync(agencyId, patronId, ct) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(Begrundelse)) return Invalid("Skriv, hvorfor du skal se det fulde CPR-nummer.");
        if (Krav is null || Patron!.Claims.All(c => c.Claim.Header.ClaimId != Krav)) return Invalid("Vælg et af lånerens krav.");
        var shown = await commands.RevealAsync(StaffMember, Patron.Agency, Krav, Begrundelse.Trim(), ct);
        if (shown?.Cpr is { } number) Revealed = (Krav, number[..6] + "-" + number[6..]);
        else if (shown?.Cvr is { } cvr) Revealed = (Krav, "CVR " + cvr);
        Begrundelse = null;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string agencyId, string patronId, CancellationToken ct)
    {
        var (agency, refused) = AgencyFor(tenants, agencyId);
        if (refused is not null) return refused;
        Agencies = StaffMember.DeskAgencies(tenants);
        Patron = await desk.ForAsync(agency!, patronId, ct);
        return Patron is null ? Refuse(StatusCodes.Status404NotFound, "Biblioteket har ingen krav på den låner.") : null;
    }

    private string? Checked() => Kommando switch
    {
        "nedskriv" when Reason(out _) => null,
        "nedskriv" => "Vælg en årsag til nedskrivningen.",
        "annuller" when !string.IsNullOrWhiteSpace(Begrundelse) => null,
        "annuller" => "Skriv, hvorfor kravet er oprettet ved en fejl.",
        _ => "Vælg, hvad der skal ske med kravene.",
    };

    private bool Reason(out WriteDownReason reason) => ClaimNames.TryParseWriteDownReason(Aarsag, out reason);

    private WriteDownReason Reason() => Reason(out var r) ? r : WriteDownReason.Other;

    private IActionResult Invalid(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Danish(string message) => message switch
    {
        "Choose at least one claim." => "Vælg mindst ét krav.",
        _ when message.Contains("takes no more commands", StringComparison.Ordinal) => "Et af de valgte krav er afsluttet og kan ikke ændres mere.",
        _ => "Et af de valgte krav hører ikke til låneren.",
    };

    /// <summary>The write-down reasons staff choose from, in Danish.</summary>
    public static readonly IReadOnlyList<(string Value, string Words)> Reasons =
    [
        ("material-returned", "Materialet er kommet tilbage"),
        ("error", "Kravet er forkert"),
        ("other", "Anden årsag"),
    ];

    public static string Badge(ClaimWhereabouts w) => w switch
    {
        ClaimWhereabouts.Paid or ClaimWhereabouts.Withdrawn or ClaimWhereabouts.WrittenOff => "badge badge-success",
        ClaimWhereabouts.Rejected or ClaimWhereabouts.WithCollector => "badge badge-error",
        ClaimWhereabouts.AtMunicipality or ClaimWhereabouts.OnItsWay => "badge badge-info",
        _ => "badge badge-warning",
    };

    public static string Date(DateOnly d) => Citizen.Kroner.Date(d);

    public static string Source(string source, string direction) => (source, direction) switch
    {
        ("feebridge", _) => "FeeBridge",
        ("debtor-system", "out") => "Til debitorsystemet",
        ("debtor-system", _) => "Fra debitorsystemet",
        ("fbs", _) => "Til FBS",
        ("webhook", _) => "Til webhook",
        _ => "Til medarbejdere",
    };

    public static string Created(ClaimState s) => Citizen.Kroner.Date(PaymentDeadline.LocalDate(s.Header.CreatedAt));

    public static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
}
