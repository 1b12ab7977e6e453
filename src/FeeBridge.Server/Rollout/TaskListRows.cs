using System.Globalization;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Server.Rollout;

/// <summary>One row of the task list as exported: the list's columns, in Danish as staff read them.</summary>
public sealed record TaskListRow(
    string TaskId, string Title, string Phase, string Theme, string Waves, string Status, string? Accountable, string? Performer,
    DateOnly? Deadline, bool Overdue);

/// <summary>
/// The task list as rows for the CSV and Excel exports (one row per task, the columns of <c>GET …/tasks</c>): the
/// header names, and each task's values — status by its Danish name, waves joined with ", ", people by address.
/// </summary>
public static class TaskListRows
{
    /// <summary>The column headers, in the order of <see cref="TaskListRow"/>.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["Id", "Titel", "Fase", "Tema", "Bølger", "Status", "Ansvarlig", "Udfører", "Frist", "Overskredet"];

    public static TaskListRow Of(MunicipalTask t, DateOnly today) => new(
        t.TaskId, t.Fields.Title, t.Fields.Phase, t.Fields.Theme, string.Join(", ", t.Fields.Waves), MunicipalTaskStatuses.Title(t.Status),
        t.Accountable?.Value, t.Performer?.Value, t.Deadline, t.IsOverdue(today));

    /// <summary>The deadline as written in both exports' text: ISO 8601, which Danish Excel reads as a date.</summary>
    public static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string YesNo(bool b) => b ? "Ja" : "Nej";

    /// <summary>The row's cells as text, in header order (the CSV writes these; the Excel sheet types the deadline).</summary>
    public static string?[] Cells(TaskListRow r) =>
        [r.TaskId, r.Title, r.Phase, r.Theme, r.Waves, r.Status, r.Accountable, r.Performer, Date(r.Deadline), YesNo(r.Overdue)];
}
