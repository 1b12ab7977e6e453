namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>
    /// Sets the status. <c>not-relevant</c> needs a <paramref name="reason"/>. <c>done</c> while the task's checks
    /// are not confirmed (<paramref name="evidence"/>: a check failing or not run) needs a reason too; the task is
    /// then marked with an <see cref="EvidenceOverride"/> and the history entry is flagged for audit. Leaving
    /// <c>not-relevant</c> or <c>done</c> drops the reason or the override (the history keeps them).
    /// </summary>
    public static Outcome<TaskChange> SetStatus(MunicipalTask task, MunicipalTaskStatus status, string? reason, EvidenceVerdict evidence, TaskActor actor)
    {
        var why = Clean(reason);
        if (why is { Length: > MaxTextLength }) return Outcome<TaskChange>.Refuse("reason", $"Begrundelsen er for lang (højst {MaxTextLength} tegn).");
        if (task.Status == status && (status != MunicipalTaskStatus.NotRelevant || why is null || why == task.NotRelevantReason))
            return Unchanged(task);

        var entries = new List<TaskHistoryEntry>();
        var changed = task;
        if (status == MunicipalTaskStatus.NotRelevant)
        {
            if (why is null) return Outcome<TaskChange>.Refuse("reason", "Skriv hvorfor opgaven ikke er relevant for kommunen.");
            entries.Add(Entry(task, actor, "notRelevantReason", task.NotRelevantReason, why));
            changed = changed with { NotRelevantReason = why };
        }
        else if (task.NotRelevantReason is not null)
        {
            entries.Add(Entry(task, actor, "notRelevantReason", task.NotRelevantReason, null));
            changed = changed with { NotRelevantReason = null };
        }

        if (status == MunicipalTaskStatus.Done && !evidence.Confirmed)
        {
            var unconfirmed = evidence.Unconfirmed;
            if (why is null)
            {
                var titles = string.Join("; ", unconfirmed.Select(c => EvidenceChecks.Of(c).Title));
                return Outcome<TaskChange>.Refuse("reason",
                    $"FeeBridges kontrol bekræfter ikke opgaven endnu ({titles}). Skriv en begrundelse for at markere den som fuldført alligevel; den bliver gemt til revision.");
            }
            var evidenceOverride = new EvidenceOverride(actor.Who, actor.At, why, unconfirmed);
            entries.Add(Entry(task, actor, "evidenceOverride", null,
                $"{why} (ikke bekræftet: {string.Join(", ", unconfirmed.Select(c => EvidenceChecks.Of(c).Id))})", forAudit: true));
            changed = changed with { EvidenceOverride = evidenceOverride };
        }
        else if (status != MunicipalTaskStatus.Done && task.EvidenceOverride is not null)
        {
            entries.Add(Entry(task, actor, "evidenceOverride", task.EvidenceOverride.Reason, null));
            changed = changed with { EvidenceOverride = null };
        }

        if (task.Status != status)
        {
            entries.Insert(0, Entry(task, actor, "status", MunicipalTaskStatuses.Id(task.Status), MunicipalTaskStatuses.Id(status)));
            changed = changed with { Status = status };
        }
        return Changed(changed, actor, entries);
    }
}
