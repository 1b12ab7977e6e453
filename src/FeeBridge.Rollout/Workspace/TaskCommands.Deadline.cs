namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>
    /// Sets or clears (null) the deadline, a date in Europe/Copenhagen. A date in the past is allowed: municipalities
    /// record deadlines they were given earlier, and such a task is simply overdue.
    /// </summary>
    public static Outcome<TaskChange> SetDeadline(MunicipalTask task, DateOnly? deadline, TaskActor actor) =>
        task.Deadline == deadline
            ? Unchanged(task)
            : Changed(task with { Deadline = deadline }, actor, [Entry(task, actor, "deadline", DateText(task.Deadline), DateText(deadline))]);
}
