using System.Globalization;

namespace FeeBridge.Rollout.Workspace;

public static partial class TaskCommands
{
    /// <summary>
    /// The copy follows a new version of its master task (CONTRACTS.md §6: "every municipality's copy follows it
    /// without losing its own status and notes"): it takes the new master fields and keeps its status, people,
    /// deadline, notes and attachments, and it records which master fields changed so the screen can show
    /// "ændret i version N: …". The new version must be of the same master (project and id) and newer; the same
    /// version again with the same content changes nothing.
    /// </summary>
    public static Outcome<TaskChange> FollowNewVersion(MunicipalTask task, MasterTaskFields newMaster, TaskActor actor)
    {
        var current = task.Fields;
        if (task.Origin != TaskOrigin.MasterCopy)
            return Outcome<TaskChange>.Refuse("version", "En lokal opgave har ingen masteropgave at følge.");
        if (!string.Equals(current.Project, newMaster.Project, StringComparison.Ordinal)
            || !string.Equals(current.MasterTaskId, newMaster.MasterTaskId, StringComparison.Ordinal))
            return Outcome<TaskChange>.Refuse("masterTaskId",
                $"Versionen hører til masteropgave {newMaster.MasterTaskId ?? "(uden id)"} i {newMaster.Project}, ikke til {current.MasterTaskId ?? "(uden id)"} i {current.Project}.");
        if (newMaster.Version == current.Version)
        {
            return MasterTaskFieldsComparison.SameContent(current, newMaster)
                ? Unchanged(task)
                : Outcome<TaskChange>.Refuse("version", $"Version {newMaster.Version} findes allerede med et andet indhold; en ændring skal have et nyt versionsnummer.");
        }
        if (newMaster.Version < current.Version)
            return Outcome<TaskChange>.Refuse("version", $"Kopien følger allerede version {current.Version}; version {newMaster.Version} er ældre.");

        var changedFields = MasterTaskFieldsComparison.ChangedFields(current, newMaster);
        var entries = new List<TaskHistoryEntry> { Entry(task, actor, "version", Number(current.Version), Number(newMaster.Version)) };
        entries.AddRange(changedFields.Select(f => Entry(task, actor, "master." + f, MasterTaskFieldsComparison.Text(current, f), MasterTaskFieldsComparison.Text(newMaster, f))));
        return Changed(task with
        {
            Fields = newMaster,
            LastVersionChange = new VersionChange(current.Version, newMaster.Version, changedFields, actor.At),
        }, actor, entries);
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
