using System.Globalization;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Audit;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Console;

/// <summary>
/// The auditor's screen (<c>/staff/audit</c>): the append-only audit log as <c>GET /api/v1/staff/audit</c> gives it —
/// who, when, what, which record and why — newest first, filtered by day, person or record.
/// </summary>
public sealed class AuditModel(FeeBridgeStore store) : ConsolePageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public string? Fra { get; private set; }
    public string? Hvem { get; private set; }
    public string? Post { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? fra, string? hvem, string? post, long? foer, CancellationToken ct)
    {
        if (!StaffMember.MayReadAudit) return Refuse(StatusCodes.Status403Forbidden, "Kun revisorer læser revisionssporet.");
        (Hvem, Post) = (Blank(hvem), Blank(post));
        DateTimeOffset? since = null;
        if (Blank(fra) is { } day)
        {
            if (DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                Fra = day;
                var local = d.ToDateTime(TimeOnly.MinValue);
                since = new DateTimeOffset(local, TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen").GetUtcOffset(local));
            }
            else Problem = "Skriv datoen som ÅÅÅÅ-MM-DD.";
        }
        Entries = await store.Audit.ListAsync(since, Hvem, Post, foer, PageSize, ct);
        return Page();
    }

    /// <summary>The address of the next (older) page with the same filters.</summary>
    public string Older() =>
        $"/staff/audit?fra={Uri.EscapeDataString(Fra ?? "")}&hvem={Uri.EscapeDataString(Hvem ?? "")}&post={Uri.EscapeDataString(Post ?? "")}&foer={Entries[^1].Id.ToString(CultureInfo.InvariantCulture)}";

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
