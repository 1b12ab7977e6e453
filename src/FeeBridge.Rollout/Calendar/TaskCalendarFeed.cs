using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace FeeBridge.Rollout.Calendar;

/// <summary>
/// One person's deadlines as an iCalendar feed (RFC 5545), for their own calendar program to subscribe to: every
/// task with a deadline where they are accountable or performer, as an all-day VEVENT on the deadline. UIDs are
/// stable per task (<c>task-{taskId}@feebridge</c>) and SEQUENCE rises with every change of the task, so a client
/// updates the event in place rather than adding a second one; a task that leaves the feed (reassigned, deadline
/// cleared) disappears from the subscriber's calendar on the next refresh. Done tasks stay, marked "Fuldført";
/// not-relevant ones are CANCELLED. The events are TRANSPARENT: a deadline does not make anyone busy.
/// </summary>
public static class TaskCalendarFeed
{
    /// <summary>
    /// The feed as iCalendar text.
    /// </summary>
    /// <param name="person">Whose feed.</param>
    /// <param name="tasks">The municipality's tasks (others' are left out here).</param>
    /// <param name="taskPageBase">The task pages' base URL; the task id is appended, escaped (a '/' is added if missing).</param>
    /// <param name="generatedAt">Now, for DTSTAMP.</param>
    /// <param name="gallery">For people's names in the description; addresses alone without it.</param>
    public static string Build(EmailAddress person, IEnumerable<MunicipalTask> tasks, Uri taskPageBase, DateTimeOffset generatedAt, MunicipalOrganisation? gallery = null)
    {
        var calendar = new IcalCalendar { ProductId = "-//FeeBridge//Rollout//DA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", "FeeBridge: mine opgaver");
        calendar.AddProperty("X-WR-CALDESC", $"Frister for opgaver, hvor {person} er ansvarlig eller udfører");
        var stamp = Utc(generatedAt);
        var mine = tasks.Where(t => t.Deadline is not null && t.Involves(person))
            .OrderBy(t => t.Deadline).ThenBy(t => t.TaskId, StringComparer.Ordinal);
        foreach (var task in mine)
        {
            var deadline = task.Deadline!.Value;
            calendar.Events.Add(new CalendarEvent
            {
                Uid = Uid(task.TaskId),
                Sequence = task.Revision - 1,
                DtStamp = stamp,
                LastModified = Utc(task.UpdatedAt),
                DtStart = new CalDateTime(deadline),
                DtEnd = new CalDateTime(deadline.AddDays(1)),
                Summary = Summary(task),
                Description = Description(task, gallery),
                Url = PageOf(taskPageBase, task.TaskId),
                Status = task.Status == MunicipalTaskStatus.NotRelevant ? "CANCELLED" : "CONFIRMED",
                Transparency = "TRANSPARENT",
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The event's UID for a task: the same for the task's whole life.</summary>
    public static string Uid(string taskId) => $"task-{taskId}@feebridge";

    /// <summary>The task page: the base with the escaped task id appended.</summary>
    public static Uri PageOf(Uri taskPageBase, string taskId)
    {
        var text = taskPageBase.AbsoluteUri;
        return new Uri((text.EndsWith('/') ? text : text + "/") + Uri.EscapeDataString(taskId));
    }

    private static string Summary(MunicipalTask task) => task.Status switch
    {
        MunicipalTaskStatus.Done => $"Fuldført: {task.Fields.Title}",
        MunicipalTaskStatus.NotRelevant => $"Ikke relevant: {task.Fields.Title}",
        _ => $"Frist: {task.Fields.Title}",
    };

    private static string Description(MunicipalTask task, MunicipalOrganisation? gallery)
    {
        var lines = new List<string> { $"Status: {MunicipalTaskStatuses.Title(task.Status)}" };
        if (task.Accountable is { } accountable) lines.Add($"Ansvarlig: {Name(accountable, gallery)}");
        if (task.Performer is { } performer) lines.Add($"Udfører: {Name(performer, gallery)}");
        if (task.Fields.Phase.Length > 0) lines.Add($"Fase: {task.Fields.Phase}");
        if (task.Fields.Theme.Length > 0) lines.Add($"Tema: {task.Fields.Theme}");
        if (task.Fields.Goal.Length > 0) lines.AddRange(["", task.Fields.Goal]);
        return string.Join('\n', lines);
    }

    private static string Name(EmailAddress email, MunicipalOrganisation? gallery) =>
        gallery?.Find(email) is { } person && person.Name.Length > 0 ? $"{person.Name} ({email})" : email.Value;

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime, "UTC", true);
}
