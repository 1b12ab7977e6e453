using FeeBridge.Persistence;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>What became of a task change: the changed task, or the refusals (one per field), or a conflict.</summary>
public sealed record TaskChangeResult(MunicipalTask? Task, IReadOnlyList<Refusal> Refusals, string? Conflict)
{
    public bool Succeeded => Task is not null;
}

/// <summary>
/// One change of a municipal task as both the API's PATCH and the staff task page make it: the patch checked against
/// the role gallery and the task's evidence, written all or nothing, and every changed field in the audit log (a
/// task marked done without its evidence as its own action, with the reason). The caller has checked the scope.
/// </summary>
public static class TaskChanges
{
    public static async Task<TaskChangeResult> ApplyAsync(FeeBridgeStore store, StaffAudit audit, StaffUser user, MunicipalTask task,
        TaskPatch patch, DateTimeOffset now, CancellationToken ct)
    {
        var code = task.Municipality;
        var organisation = (await store.Rollout.Organisations.FindAsync(code, ct))?.Organisation ?? MunicipalOrganisation.Empty;
        var verdict = EvidenceVerdict.For(task, EvidenceRules.Default, await store.Rollout.Evidence.LatestAsync(code, ct));
        var outcome = patch.Apply(task, organisation, verdict, new TaskActor(user.UserName, now));
        if (!outcome.IsAccepted) return new(null, outcome.Refusals, null);
        var write = await store.Rollout.Tasks.ApplyAsync(outcome.Value!, ct);
        if (!write.Succeeded)
            return new(null, [], write.Problem ?? "Someone else changed the task; read it again and repeat the change.");
        foreach (var entry in outcome.Value!.Entries)
            await audit.RecordAsync(user, entry.ForAudit ? "rollout.task.done-without-evidence" : "rollout.task.changed",
                $"rollout/{code}/{task.TaskId}", entry.ForAudit ? patch.Reason : null, $"{entry.Field}: {entry.Before} → {entry.After}", ct);
        return new(write.Task!, [], null);
    }
}
