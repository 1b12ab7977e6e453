using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Staff;

namespace FeeBridge.Server.Rollout;

/// <summary>What became of an upload: the file as stored, or the refusals (why not, in Danish), or a conflict.</summary>
public sealed record AttachResult(StoredAttachment? Stored, IReadOnlyList<Refusal> Refusals, string? Conflict)
{
    public bool Succeeded => Stored is not null;
}

/// <summary>
/// One file attached to a task as both the API's upload and the staff task page make it: checked from its bytes by
/// <see cref="AttachmentInspector"/> (type and size, never the name or the browser's claim alone), attached by
/// <see cref="TaskCommands.Attach"/> under the task's revision, and in the audit log. The caller has checked the scope
/// and bounded how much it read.
/// </summary>
public static class TaskAttachments
{
    public static async Task<AttachResult> AttachAsync(FeeBridgeStore store, StaffAudit audit, StaffUser user, MunicipalTask task,
        string? fileName, string? declaredContentType, byte[] content, DateTimeOffset now, CancellationToken ct)
    {
        var inspected = AttachmentInspector.Inspect(fileName, declaredContentType, content, AttachmentPolicy.Default);
        if (!inspected.IsAccepted) return new(null, inspected.Refusals, null);
        var change = TaskCommands.Attach(task, inspected.Value, new TaskActor(user.UserName, now));
        if (!change.IsAccepted) return new(null, change.Refusals, null);
        var write = await store.Rollout.Tasks.AttachAsync(change.Value, content, ct);
        if (!write.Succeeded) return new(null, [], write.Problem ?? "Someone else changed the task; try the upload again.");
        var a = inspected.Value;
        await audit.RecordAsync(user, "rollout.task.attachment-added", $"rollout/{task.Municipality.Value}/{task.TaskId}", null,
            $"{LogText.Bound(a.Name)} ({a.ContentType}, {a.Size} bytes, sha256 {a.Sha256})", ct);
        var stored = (await store.Rollout.Tasks.AttachmentsAsync(task.Municipality, task.TaskId, ct)).Last(s => s.Current && s.File.Sha256 == a.Sha256);
        return new(stored, [], null);
    }
}
