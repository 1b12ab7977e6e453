namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>Adds a note (trimmed, not empty, at most 4,000 characters).</summary>
    public static Outcome<TaskChange> AddNote(MunicipalTask task, string? text, TaskActor actor)
    {
        var note = Clean(text);
        if (note is null) return Outcome<TaskChange>.Refuse("note", "Noten er tom.");
        if (note.Length > MaxTextLength) return Outcome<TaskChange>.Refuse("note", $"Noten er for lang (højst {MaxTextLength} tegn).");
        return Changed(task with { Notes = [.. task.Notes, new TaskNote(actor.Who, actor.At, note)] }, actor, [Entry(task, actor, "notes", null, note)]);
    }
}
