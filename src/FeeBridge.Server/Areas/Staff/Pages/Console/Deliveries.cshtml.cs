using FeeBridge.Application;
using FeeBridge.Application.Workers;
using FeeBridge.Domain.Routing;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Notices;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Staff;
using FeeBridge.Server.Staff.Console;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>
/// The agency's delivery log (<c>/staff/deliveries/{agencyId}</c>): every notice to FBS and the webhook, and every
/// one for staff, with each attempt; a delivery to FBS or the webhook can be made again, for a reason (audited).
/// </summary>
public sealed class DeliveriesModel(Tenants tenants, FeeBridgeStore store, StaffAudit audit, NoticeSignal signal, TimeProvider clock) : ConsolePageModel
{
    public AgencySettings? Agency { get; private set; }
    public IReadOnlyList<AgencySettings> Agencies { get; private set; } = [];
    public IReadOnlyList<NoticeView> Notices { get; private set; } = [];
    public string? Tilstand { get; private set; }
    public string? Krav { get; private set; }
    public string? Message { get; private set; }
    public string? Problem { get; private set; }

    [BindProperty] public long NoticeId { get; set; }
    [BindProperty] public string? Begrundelse { get; set; }

    public async Task<IActionResult> OnGetAsync(string? agencyId, string? tilstand, string? krav, bool sendt, CancellationToken ct)
    {
        if (agencyId is null)
        {
            var mine = StaffMember.DeskAgencies(tenants);
            return mine.Count == 0
                ? Refuse(StatusCodes.Status403Forbidden, "Leveranceloggen er for bibliotekets medarbejdere og kommunens debitormedarbejdere.")
                : Redirect($"/staff/deliveries/{mine[0].Id.Value}");
        }
        if (await LoadAsync(agencyId, tilstand, krav, ct) is { } refused) return refused;
        if (sendt) Message = "Leverancen sendes igen; se forsøgene herunder om et øjeblik.";
        return Page();
    }

    public async Task<IActionResult> OnPostReplayAsync(string agencyId, CancellationToken ct)
    {
        if (await LoadAsync(agencyId, null, null, ct) is { } refused) return refused;
        if (string.IsNullOrWhiteSpace(Begrundelse))
        {
            Problem = "Skriv, hvorfor leverancen skal sendes igen.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var outcome = await StaffConsoleEndpoints.Replay(StaffMember, agencyId, NoticeId, Begrundelse.Trim(), store, audit, signal, clock, ct);
        if (outcome == ReplayOutcome.Replayed) return Redirect($"/staff/deliveries/{agencyId}?sendt=true");
        Problem = outcome switch
        {
            ReplayOutcome.AlreadyPending => "Leverancen venter allerede på at blive sendt.",
            ReplayOutcome.NotFound => "Biblioteket har ingen leverance med det nummer.",
            _ => "Kun en besked til FBS eller til en registreret webhook kan sendes igen.",
        };
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string agencyId, string? tilstand, string? krav, CancellationToken ct)
    {
        var (agency, refused) = AgencyFor(tenants, agencyId);
        if (refused is not null) return refused;
        Agency = agency;
        Agencies = StaffMember.DeskAgencies(tenants);
        Tilstand = QueueStates.TryParse(tilstand, out NoticeState _) ? tilstand : null;
        Krav = string.IsNullOrWhiteSpace(krav) ? null : krav.Trim();
        NoticeState? state = Tilstand is null ? null : QueueStates.TryParse(Tilstand, out NoticeState s) ? s : null;
        Notices = await store.Notices.ListAsync(agency!.Id.Value, state, Krav, null, 100, ct);
        return null;
    }

    public static string Target(string target) => target switch
    {
        "fbs" => "FBS",
        "webhook" => "Webhook",
        _ => "Medarbejdere",
    };

    public static string State(string state) => !QueueStates.TryParse(state, out NoticeState s) ? state : s switch
    {
        NoticeState.Pending => "Venter",
        NoticeState.Delivered => "Leveret",
        NoticeState.Attention => "Kræver opfølgning",
        NoticeState.Withdrawn => "Trukket tilbage",
        _ => state,
    };

    public static bool CanReplay(NoticeView n) =>
        n.Target is "fbs" or "webhook" && !QueueStates.Is(n.State, NoticeState.Pending);
}
