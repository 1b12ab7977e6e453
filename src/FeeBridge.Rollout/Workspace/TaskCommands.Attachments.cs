namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>Attaches a file that <see cref="AttachmentInspector"/> accepted; the same content twice is refused.</summary>
    public static Outcome<TaskChange> Attach(MunicipalTask task, AttachmentMetadata file, TaskActor actor)
    {
        if (task.Attachments.FirstOrDefault(a => string.Equals(a.Sha256, file.Sha256, StringComparison.Ordinal)) is { } same)
            return Outcome<TaskChange>.Refuse("file", $"Filen er allerede vedhæftet som '{same.Name}'.");
        return Changed(task with { Attachments = [.. task.Attachments, file] }, actor, [Entry(task, actor, "attachments", null, Describe(file))]);
    }

    /// <summary>Removes the attachment with this SHA-256 (the history keeps that it was there).</summary>
    public static Outcome<TaskChange> Detach(MunicipalTask task, string sha256, TaskActor actor)
    {
        var file = task.Attachments.FirstOrDefault(a => string.Equals(a.Sha256, sha256, StringComparison.OrdinalIgnoreCase));
        if (file is null) return Outcome<TaskChange>.Refuse("file", "Opgaven har ingen vedhæftet fil med det indhold.");
        return Changed(task with { Attachments = [.. task.Attachments.Where(a => a != file)] }, actor, [Entry(task, actor, "attachments", Describe(file), null)]);
    }

    private static string Describe(AttachmentMetadata file) => $"{file.Name} ({file.ContentType}, {file.Size} bytes, sha256 {file.Sha256})";
}
