using System.Globalization;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Workspace;

/// <summary>
/// CONTRACTS.md §6 <c>PATCH /municipalities/{kommunekode}/tasks/{taskId}</c> body
/// <c>{status?, accountable?, performer?, deadline?, note?}</c>, plus the optional <c>reason</c> that
/// <c>not-relevant</c> and an unconfirmed <c>done</c> need. Values as the wire carries them (status id, e-mail,
/// <c>YYYY-MM-DD</c>); <see cref="Apply"/> reads and checks them.
/// </summary>
public sealed record TaskPatch
{
    /// <summary>A status id, or null to leave it.</summary>
    public string? Status { get; init; }
    /// <summary>Why not relevant, or why done although unconfirmed.</summary>
    public string? Reason { get; init; }
    /// <summary>An e-mail of the gallery; null clears.</summary>
    public PatchField<string?> Accountable { get; init; }
    /// <summary>An e-mail of the gallery; null clears.</summary>
    public PatchField<string?> Performer { get; init; }
    /// <summary><c>YYYY-MM-DD</c>; null clears.</summary>
    public PatchField<string?> Deadline { get; init; }
    /// <summary>A note to add, or null.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Applies the whole patch or nothing: every field is read and every command tried, and if any refuses, the
    /// answer holds all refusals (one per field, for the 422 <c>errors</c> map) and the task is not changed. An
    /// accepted patch raises <see cref="MunicipalTask.Revision"/> once, however many fields it changed.
    /// </summary>
    public Outcome<TaskChange> Apply(MunicipalTask task, MunicipalOrganisation gallery, EvidenceVerdict evidence, TaskActor actor)
    {
        var refusals = new List<Refusal>();
        var entries = new List<TaskHistoryEntry>();
        var current = task;

        void Run(Outcome<TaskChange> outcome)
        {
            if (!outcome.IsAccepted) refusals.AddRange(outcome.Refusals);
            else
            {
                current = outcome.Value.Task;
                entries.AddRange(outcome.Value.Entries);
            }
        }

        if (Accountable.IsPresent && Person("accountable", Accountable.Value, refusals, out var accountable))
            Run(TaskCommands.SetAccountable(current, accountable, gallery, actor));
        if (Performer.IsPresent && Person("performer", Performer.Value, refusals, out var performer))
            Run(TaskCommands.SetPerformer(current, performer, gallery, actor));
        if (Deadline.IsPresent)
        {
            if (Deadline.Value is null) Run(TaskCommands.SetDeadline(current, null, actor));
            else if (DateOnly.TryParseExact(Deadline.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                Run(TaskCommands.SetDeadline(current, date, actor));
            else refusals.Add(new("deadline", "Fristen skal være en dato som ÅÅÅÅ-MM-DD."));
        }
        if (Status is not null)
        {
            if (MunicipalTaskStatuses.TryParse(Status, out var status)) Run(TaskCommands.SetStatus(current, status, Reason, evidence, actor));
            else refusals.Add(new("status", $"Ukendt status '{Status}'. Mulige: {string.Join(", ", Enum.GetValues<MunicipalTaskStatus>().Select(MunicipalTaskStatuses.Id))}."));
        }
        if (Note is not null) Run(TaskCommands.AddNote(current, Note, actor));

        if (refusals.Count > 0) return Outcome<TaskChange>.Refuse(refusals);
        if (entries.Count == 0) return Outcome<TaskChange>.Accept(new TaskChange(task, []));
        return Outcome<TaskChange>.Accept(new TaskChange(current with { Revision = task.Revision + 1, UpdatedAt = actor.At }, entries));
    }

    private static bool Person(string field, string? text, List<Refusal> refusals, out EmailAddress? person)
    {
        person = null;
        if (text is null) return true;
        if (EmailAddress.TryParse(text, out var email, out var error))
        {
            person = email;
            return true;
        }
        refusals.Add(new(field, error!));
        return false;
    }
}
