using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Rollout.Progress;

/// <summary>
/// How far a set of tasks has come. <see cref="Total"/> counts the tasks that apply — not-relevant ones are left
/// out of both <see cref="Done"/> and <see cref="Total"/> and shown apart in <see cref="NotRelevant"/>. Why
/// excluded rather than counted as done: KOMBIT's overview compares municipalities by how much of the work that
/// applies to them is finished; counting a set-aside task as done would let "not relevant" lift a municipality to
/// 100 % without any work, and would make "done" claim work nobody did. The remaining work is the same either way;
/// only the share differs, and this way it is honest. <see cref="NotRelevant"/> stays visible so KOMBIT can see how
/// much a municipality set aside.
/// </summary>
public sealed record ProgressCounts(int Total, int Done, int InProgress, int NotStarted, int NotRelevant, int Overdue)
{
    /// <summary>Nothing counted.</summary>
    public static ProgressCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Every task, the not-relevant ones included.</summary>
    public int AllTasks => Total + NotRelevant;

    /// <summary><see cref="Done"/> of <see cref="Total"/>, 0–1; null when no task applies.</summary>
    public double? ShareDone => Total == 0 ? null : (double)Done / Total;

    /// <summary>True when tasks apply and all of them are done.</summary>
    public bool Complete => Total > 0 && Done == Total;

    /// <summary>The counts of <paramref name="tasks"/> on <paramref name="today"/>.</summary>
    public static ProgressCounts Of(IEnumerable<MunicipalTask> tasks, DateOnly today)
    {
        int done = 0, inProgress = 0, notStarted = 0, notRelevant = 0, overdue = 0;
        foreach (var task in tasks)
        {
            switch (task.Status)
            {
                case MunicipalTaskStatus.Done: done++; break;
                case MunicipalTaskStatus.InProgress: inProgress++; break;
                case MunicipalTaskStatus.NotStarted: notStarted++; break;
                default: notRelevant++; break;
            }
            if (task.IsOverdue(today)) overdue++;
        }
        return new ProgressCounts(done + inProgress + notStarted, done, inProgress, notStarted, notRelevant, overdue);
    }

    /// <summary>The sum of two counts.</summary>
    public static ProgressCounts operator +(ProgressCounts a, ProgressCounts b) =>
        new(a.Total + b.Total, a.Done + b.Done, a.InProgress + b.InProgress, a.NotStarted + b.NotStarted, a.NotRelevant + b.NotRelevant, a.Overdue + b.Overdue);
}
