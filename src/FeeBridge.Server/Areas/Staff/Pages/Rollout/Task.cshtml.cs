using FeeBridge.Persistence;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// One task (<c>/staff/rollout/{kommunekode}/tasks/{taskId}</c>): KOMBIT's master fields, the municipality's own,
/// a form that changes status, people, deadline and note the way the API's PATCH does (<see cref="TaskChanges"/>),
/// and the task's history. The form posts only what the member of staff changed.
/// </summary>
public sealed class TaskModel(FeeBridgeStore store, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    public MunicipalTask? Task { get; private set; }
    public MunicipalOrganisation Gallery { get; private set; } = MunicipalOrganisation.Empty;
    public IReadOnlyList<TaskHistoryEntry> History { get; private set; } = [];
    public DateOnly Day { get; private set; }
    public bool MayChange { get; private set; }
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public bool Saved { get; private set; }

    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Accountable { get; set; }
    [BindProperty] public string? Performer { get; set; }
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, string taskId, bool gemt, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        if (await LoadAsync(taskId, ct) is { } missing) return missing;
        Saved = gemt;
        Fill(Task!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kommunekode, string taskId, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        if (await LoadAsync(taskId, ct) is { } missing) return missing;
        var task = Task!;
        var patch = new TaskPatch
        {
            Status = Changed(Status, MunicipalTaskStatuses.Id(task.Status)),
            Reason = Blank(Reason),
            Accountable = Field(Accountable, task.Accountable?.Value),
            Performer = Field(Performer, task.Performer?.Value),
            Deadline = Field(Deadline, task.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            Note = Blank(Note),
        };
        var result = await TaskChanges.ApplyAsync(store, audit, StaffMember, task, patch, clock.GetUtcNow(), ct);
        if (result.Succeeded) return Redirect($"/staff/rollout/{task.Municipality.Value}/tasks/{Uri.EscapeDataString(task.TaskId)}?gemt=true");
        Refusals = result.Conflict is { } conflict ? [new Refusal("status", "Opgaven blev ændret imens. Læs den igen, og gentag ændringen.")] : result.Refusals;
        Response.StatusCode = result.Conflict is null ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        History = await store.Rollout.Tasks.HistoryAsync(task.Municipality, task.TaskId, ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string taskId, CancellationToken ct)
    {
        var code = Municipality!.Code;
        MayChange = StaffMember.MayChangeRollout(code.Value);
        Day = Today(clock);
        Task = await store.Rollout.Tasks.FindAsync(code, taskId, ct);
        if (Task is null) return Refuse(StatusCodes.Status404NotFound, "Kommunen har ingen opgave med det id.");
        Gallery = (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        History = await store.Rollout.Tasks.HistoryAsync(code, taskId, ct);
        return null;
    }

    private void Fill(MunicipalTask t)
    {
        Status = MunicipalTaskStatuses.Id(t.Status);
        Accountable = t.Accountable?.Value;
        Performer = t.Performer?.Value;
        Deadline = t.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The refusal of one field, for the message next to it.</summary>
    public string? RefusalOf(string field) => Refusals.FirstOrDefault(r => r.Field == field)?.Reason;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Changed(string? posted, string current) => Blank(posted) is { } p && p != current ? p : null;

    // A form sends every field; only a value other than the task's own is a change (empty clears).
    private static PatchField<string?> Field(string? posted, string? current) =>
        Blank(posted) == current ? PatchField<string?>.Absent : PatchField<string?>.Set(Blank(posted));
}
