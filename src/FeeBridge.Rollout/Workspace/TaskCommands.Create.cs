namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>
    /// The municipality's own copy of a master task version (DOMAIN.md §8: "each municipality sees its own copy of
    /// each master task"): not started, nobody assigned, no deadline.
    /// </summary>
    public static Outcome<TaskChange> CopyOf(string taskId, Kommunekode municipality, MasterTaskFields master, TaskActor actor)
    {
        if (string.IsNullOrWhiteSpace(taskId)) return Outcome<TaskChange>.Refuse("taskId", "Opgaven mangler et id.");
        if (string.IsNullOrWhiteSpace(master.Title)) return Outcome<TaskChange>.Refuse("title", "Masteropgaven har ingen titel.");
        var task = new MunicipalTask
        {
            TaskId = taskId, Municipality = municipality, Origin = TaskOrigin.MasterCopy, Fields = master,
            CreatedAt = actor.At, UpdatedAt = actor.At,
        };
        return Outcome<TaskChange>.Accept(new TaskChange(task, [Entry(task, actor, "task", null, $"kopi af masteropgave {master.MasterTaskId ?? "(uden id)"} version {master.Version}")]));
    }

    /// <summary>A task the municipality adds itself (DOMAIN.md §8 "adds local tasks"); it needs a title.</summary>
    public static Outcome<TaskChange> NewLocal(string taskId, Kommunekode municipality, LocalTaskDraft draft, TaskActor actor)
    {
        var refusals = new List<Refusal>();
        if (string.IsNullOrWhiteSpace(taskId)) refusals.Add(new("taskId", "Opgaven mangler et id."));
        var title = Clean(draft.Title);
        if (title is null) refusals.Add(new("title", "Skriv en titel på opgaven."));
        else if (title.Length > 300) refusals.Add(new("title", "Titlen er for lang (højst 300 tegn)."));
        if (string.IsNullOrWhiteSpace(draft.Project)) refusals.Add(new("project", "Angiv hvilket projekt opgaven hører til."));
        if (refusals.Count > 0) return Outcome<TaskChange>.Refuse(refusals);

        var fields = new MasterTaskFields(draft.Project.Trim(), null, 1, title!, draft.Phase.Trim(), draft.Theme.Trim(), new MasterTaskPriority(null, ""), null,
            [.. (draft.Waves ?? []).Select(w => w.Trim()).Where(w => w.Length > 0)], draft.Goal.Trim(), draft.Description.Trim(), [], "", "", [], []);
        var task = new MunicipalTask
        {
            TaskId = taskId, Municipality = municipality, Origin = TaskOrigin.Local, Fields = fields,
            CreatedAt = actor.At, UpdatedAt = actor.At,
        };
        return Outcome<TaskChange>.Accept(new TaskChange(task, [Entry(task, actor, "task", null, "lokal opgave")]));
    }
}
