using System.Security.Cryptography;
using System.Text;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// What names one master task within its project across versions: <c>id:23</c> for a task with a Master-opgave ID,
/// else <c>title:Etabler organisering</c> (OCR text often loses the ID line, DOMAIN.md §8). A task known only by its
/// title is therefore the same task only while its title is the same: a changed title without an id is a new task.
/// </summary>
public static class MasterTaskKey
{
    /// <summary>The key of these fields (id and title trimmed; the title kept as written, case included).</summary>
    public static string Of(MasterTaskFields fields) => Of(fields.MasterTaskId, fields.Title);

    /// <summary>The key of a task with this id (may be null or blank) and title.</summary>
    public static string Of(string? masterTaskId, string title) =>
        string.IsNullOrWhiteSpace(masterTaskId) ? "title:" + title.Trim() : "id:" + masterTaskId.Trim();
}

/// <summary>
/// Ids of municipal tasks. They are unique across municipalities (a reminder key and a calendar UID name a task by its
/// id alone) and start with the kommunekode, so an id says whose task it is.
/// </summary>
public static class MunicipalTaskIds
{
    /// <summary>
    /// The id of a municipality's copy of a master task: <c>101-m</c> and 16 hex digits of the SHA-256 of project and
    /// master key. The same for every version, and the same suffix in every municipality, so a copy can be found (and
    /// locked) before it is read.
    /// </summary>
    public static string Copy(Kommunekode municipality, string project, string masterKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(project + "\n" + masterKey));
        return $"{municipality.Value}-m{Convert.ToHexStringLower(hash.AsSpan(0, 8))}";
    }

    /// <summary>A new id for a local task: <c>101-l</c> and a version 7 UUID (time-ordered, never repeated).</summary>
    public static string NewLocal(Kommunekode municipality) => $"{municipality.Value}-l{Guid.CreateVersion7():N}";
}
