using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Rollout;
using Microsoft.AspNetCore.Mvc;

namespace FeeBridge.Server.Staff.Pages.Rollout;

/// <summary>
/// One task (<c>/staff/rollout/{kommunekode}/tasks/{taskId}</c>): KOMBIT's master fields, the municipality's own,
/// what FeeBridge itself checked for it and when, its attached files (download, and upload the way the API's upload
/// does, <see cref="TaskAttachments"/>), a form that changes status, people, deadline and note the way the API's PATCH
/// does (<see cref="TaskChanges"/>), and the task's history. The form posts only what the member of staff changed.
/// </summary>
// An upload is one file at the attachment limit plus its framing; Kestrel's own limit elsewhere is the JSON body's.
[RequestSizeLimit(AttachmentEndpoints.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentEndpoints.MaxUploadBytes)]
public sealed class TaskModel(FeeBridgeStore store, StaffAudit audit, TimeProvider clock) : RolloutPageModel
{
    public MunicipalTask? Task { get; private set; }
    public MunicipalOrganisation Gallery { get; private set; } = MunicipalOrganisation.Empty;
    public IReadOnlyList<TaskHistoryEntry> History { get; private set; } = [];
    public DateOnly Day { get; private set; }
    public bool MayChange { get; private set; }
    public IReadOnlyList<Refusal> Refusals { get; private set; } = [];
    public bool Saved { get; private set; }
    /// <summary>The task's checks and their latest results (none required: FeeBridge cannot check the task).</summary>
    public EvidenceVerdict Evidence { get; private set; } = EvidenceVerdict.NoChecks;
    /// <summary>The files attached now, in the order attached.</summary>
    public IReadOnlyList<StoredAttachment> Attachments { get; private set; } = [];
    /// <summary>Why the upload was not attached.</summary>
    public IReadOnlyList<Refusal> AttachRefusals { get; private set; } = [];
    public bool Attached { get; private set; }

    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Accountable { get; set; }
    [BindProperty] public string? Performer { get; set; }
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string kommunekode, string taskId, bool gemt, bool vedhaeftet, CancellationToken ct)
    {
        if (Denied(kommunekode, change: false) is { } denied) return denied;
        if (await LoadAsync(taskId, ct) is { } missing) return missing;
        Saved = gemt;
        Attached = vedhaeftet;
        Fill(Task!);
        return Page();
    }

    /// <summary>One file attached, with the API upload's checks (<see cref="TaskAttachments"/>).</summary>
    public async Task<IActionResult> OnPostAttachAsync(string kommunekode, string taskId, IFormFile? fil, CancellationToken ct)
    {
        if (Denied(kommunekode, change: true) is { } denied) return denied;
        if (await LoadAsync(taskId, ct) is { } missing) return missing;
        var task = Task!;
        Fill(task);
        if (fil is null) return AttachRefused([new Refusal("file", "Vælg en fil at vedhæfte.")], StatusCodes.Status422UnprocessableEntity);
        using var buffer = new MemoryStream();
        await fil.CopyToAsync(buffer, ct);
        var result = await TaskAttachments.AttachAsync(store, audit, StaffMember, task, fil.FileName, fil.ContentType, buffer.ToArray(), clock.GetUtcNow(), ct);
        if (result.Succeeded) return Redirect($"/staff/rollout/{task.Municipality.Value}/tasks/{Uri.EscapeDataString(task.TaskId)}?vedhaeftet=true#filer");
        return result.Conflict is null
            ? AttachRefused(result.Refusals, StatusCodes.Status422UnprocessableEntity)
            : AttachRefused([new Refusal("file", "Opgaven blev ændret imens. Vedhæft filen igen.")], StatusCodes.Status409Conflict);
    }

    private IActionResult AttachRefused(IReadOnlyList<Refusal> refusals, int status)
    {
        AttachRefusals = refusals;
        Response.StatusCode = status;
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
        Evidence = EvidenceVerdict.For(Task, EvidenceRules.Default, await store.Rollout.Evidence.LatestAsync(code, ct));
        Attachments = [.. (await store.Rollout.Tasks.AttachmentsAsync(code, taskId, ct)).Where(a => a.Current)];
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
