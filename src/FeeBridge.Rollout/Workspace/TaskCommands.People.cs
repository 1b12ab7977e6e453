using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>Sets or clears (null) the accountable; the person must be in the municipality's role gallery.</summary>
    public static Outcome<TaskChange> SetAccountable(MunicipalTask task, EmailAddress? person, MunicipalOrganisation gallery, TaskActor actor) =>
        SetPerson(task, "accountable", task.Accountable, person, gallery, actor, (t, p) => t with { Accountable = p });

    /// <summary>Sets or clears (null) the performer; the person must be in the municipality's role gallery.</summary>
    public static Outcome<TaskChange> SetPerformer(MunicipalTask task, EmailAddress? person, MunicipalOrganisation gallery, TaskActor actor) =>
        SetPerson(task, "performer", task.Performer, person, gallery, actor, (t, p) => t with { Performer = p });

    // "People of the municipality's role gallery": KOMBIT and the reminders reach only those, so a task assigned to
    // an address outside it would be assigned to nobody.
    private static Outcome<TaskChange> SetPerson(MunicipalTask task, string field, EmailAddress? current, EmailAddress? wanted,
        MunicipalOrganisation gallery, TaskActor actor, Func<MunicipalTask, EmailAddress?, MunicipalTask> set)
    {
        if (current == wanted) return Unchanged(task);
        if (wanted is { } person && !gallery.Contains(person))
            return Outcome<TaskChange>.Refuse(field, $"{person} er ikke i kommunens rollegalleri; tilføj personen under Organisering først.");
        // The gallery's spelling is kept, so one person is written one way everywhere.
        var stored = wanted is { } p ? gallery.Find(p)!.Email : (EmailAddress?)null;
        return Changed(set(task, stored), actor, [Entry(task, actor, field, current?.Value, stored?.Value)]);
    }
}
