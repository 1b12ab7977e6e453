using System.Security.Cryptography;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// A file attached to a task as kept: what <see cref="AttachmentInspector"/> found, who attached it when, and who
/// removed it when (null while attached). A removed file's row and bytes stay, as its history entry does.
/// </summary>
public sealed record StoredAttachment(AttachmentMetadata File, DateTimeOffset AttachedAt, string AttachedBy, DateTimeOffset? RemovedAt, string? RemovedBy)
{
    /// <summary>True while the file is attached.</summary>
    public bool Current => RemovedAt is null;
}

public sealed partial class MunicipalTaskStore
{
    /// <summary>
    /// Stores <see cref="TaskCommands.Attach"/>'s change together with the file's bytes, in one transaction. The caller
    /// has limited the size (<see cref="AttachmentPolicy"/>, before reading the whole body); the bytes must be the ones
    /// inspected (same SHA-256 and size as the new attachment), else the call is a bug and throws.
    /// </summary>
    public Task<TaskWrite> AttachAsync(TaskChange change, ReadOnlyMemory<byte> content, CancellationToken ct) => WriteAsync(change, content, ct);

    /// <summary>The task's files, current and removed, in the order attached; empty when the municipality has no such task.</summary>
    public async Task<IReadOnlyList<StoredAttachment>> AttachmentsAsync(Kommunekode municipality, string taskId, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT a.name, a.content_type, a.size, a.sha256, a.attached_at, a.attached_by, a.removed_at, a.removed_by
            FROM rollout_attachments a JOIN rollout_tasks t ON t.task_id = a.task_id
            WHERE a.task_id = @id AND t.municipality = @m ORDER BY a.id
            """;
        cmd.With("@id", taskId).With("@m", municipality.Value);
        var list = new List<StoredAttachment>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new StoredAttachment(new AttachmentMetadata(r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3)),
                ClaimCodec.FromMicros(r.GetInt64(4)), r.GetString(5),
                r.IsDBNull(6) ? null : ClaimCodec.FromMicros(r.GetInt64(6)), r.IsDBNull(7) ? null : r.GetString(7)));
        }
        return list;
    }

    /// <summary>The bytes of a file attached to the task now (by its SHA-256), or null.</summary>
    public async Task<byte[]?> AttachmentContentAsync(Kommunekode municipality, string taskId, string sha256, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT a.content FROM rollout_attachments a JOIN rollout_tasks t ON t.task_id = a.task_id
            WHERE a.task_id = @id AND t.municipality = @m AND a.sha256 = @h AND a.removed_at IS NULL
            """;
        cmd.With("@id", taskId).With("@m", municipality.Value).With("@h", sha256.ToLowerInvariant());
        return await cmd.ExecuteScalarAsync(ct) as byte[];
    }

    // What the change attaches (at most one file, which needs its bytes) and what it removes, against the stored task.
    private static (AttachmentMetadata? Added, IReadOnlyList<AttachmentMetadata> Removed) AttachmentChanges(MunicipalTask stored, MunicipalTask changed, ReadOnlyMemory<byte>? content)
    {
        static bool Has(MunicipalTask t, AttachmentMetadata a) => t.Attachments.Any(x => string.Equals(x.Sha256, a.Sha256, StringComparison.OrdinalIgnoreCase));
        var added = changed.Attachments.Where(a => !Has(stored, a)).ToList();
        var removed = stored.Attachments.Where(a => !Has(changed, a)).ToList();
        if (added.Count > 1) throw new ArgumentException("A change attaches at most one file.", nameof(changed));
        if (added.Count == 1)
        {
            if (content is not { } bytes) throw new ArgumentException("A change that attaches a file is stored with AttachAsync, which takes its bytes.", nameof(content));
            if (bytes.Length != added[0].Size || !string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), added[0].Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException("The bytes are not the inspected file (size or SHA-256 differ).", nameof(content));
            return (added[0], removed);
        }
        if (content is not null) throw new ArgumentException("The change attaches no file, but bytes were given.", nameof(content));
        return (null, removed);
    }

    private static async Task InsertAttachmentAsync(WriteScope scope, string taskId, AttachmentMetadata file, ReadOnlyMemory<byte> content, TaskHistoryEntry by, CancellationToken ct)
    {
        await using var cmd = scope.Command("""
            INSERT INTO rollout_attachments (task_id, sha256, name, content_type, size, content, attached_at, attached_by)
            VALUES (@id, @h, @n, @ct, @s, @c, @at, @by)
            """);
        cmd.With("@id", taskId).With("@h", file.Sha256.ToLowerInvariant()).With("@n", file.Name).With("@ct", file.ContentType).With("@s", file.Size)
            .With("@c", content.ToArray()).With("@at", Micros(by.At)).With("@by", by.Who);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task MarkRemovedAsync(WriteScope scope, string taskId, AttachmentMetadata file, TaskHistoryEntry by, CancellationToken ct)
    {
        await using var cmd = scope.Command("""
            UPDATE rollout_attachments SET removed_at = @at, removed_by = @by WHERE task_id = @id AND sha256 = @h AND removed_at IS NULL
            """);
        cmd.With("@at", Micros(by.At)).With("@by", by.Who).With("@id", taskId).With("@h", file.Sha256.ToLowerInvariant());
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
