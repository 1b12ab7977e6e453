using System.Collections.Concurrent;
using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Progress;
using FeeBridge.Rollout.Workspace;

namespace FeeBridge.Persistence.Rollout;

/// <summary>
/// KOMBIT's overview (CONTRACTS.md §6 <c>GET /projects/{project}/progress</c>) read for all municipalities at once: one
/// query for the project's master copies, from the columns <see cref="ProgressCalculator"/> counts by (status,
/// deadline, phase, theme, waves) without reading any task's JSON, and one for the galleries' empty roles; the
/// counting itself is the calculator's. The result is kept per project and day, and counted again only when the
/// database's <see cref="ProgressStamp"/> differs from the one it was counted under (docs/architecture.md "Reading the
/// rollout fast"), so every process sees every write at its next read.
/// </summary>
public sealed class ProgressStore(StoreDialect dialect, OrganisationStore organisations, MunicipalityRegister register)
{
    private readonly ConcurrentDictionary<string, (ProgressStamp Stamp, ProjectProgress Progress)> _counted = new(StringComparer.Ordinal);

    /// <summary>
    /// The project's progress on <paramref name="today"/>, listing every municipality of the register. A municipality
    /// that has saved no gallery counts every role as empty (<see cref="MunicipalOrganisation.Empty"/>): nobody is
    /// registered, so KOMBIT's mails reach nobody there.
    /// </summary>
    public async Task<ProjectProgress> ProgressAsync(string project, DateOnly today, CancellationToken ct)
    {
        // The stamp is read before the tasks: what is counted is at least as new as the stamp it is kept under, so a
        // write in between makes the next read count again rather than keep an old count.
        var stamp = await StampAsync(project, ct);
        if (_counted.TryGetValue(project, out var kept) && kept.Stamp == stamp && kept.Progress.Today == today) return kept.Progress;
        var progress = await CountAsync(project, today, ct);
        _counted[project] = (stamp, progress);
        return progress;
    }

    /// <summary>
    /// What the progress of <paramref name="project"/> is counted from, in four numbers: its master copies and the sum
    /// of their revisions, the saved galleries and the sum of their versions. Every write of a copy raises its
    /// revision, every save of a gallery its version, and neither is ever removed, so any change that could move a
    /// count changes the stamp. One query, reading no task's JSON.
    /// </summary>
    public async Task<ProgressStamp> StampAsync(string project, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT t.n, t.revisions, o.n, o.versions FROM
                (SELECT COUNT(*) AS n, COALESCE(SUM(revision), 0) AS revisions FROM rollout_tasks WHERE project = @p AND origin = @o) t,
                (SELECT COUNT(*) AS n, COALESCE(SUM(version), 0) AS versions FROM rollout_organisations) o
            """;
        cmd.With("@p", project).With("@o", TaskRows.Origin);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new ProgressStamp(Number(r, 0), Number(r, 1), Number(r, 2), Number(r, 3));
    }

    private static long Number(System.Data.Common.DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<ProjectProgress> CountAsync(string project, DateOnly today, CancellationToken ct)
    {
        var tasks = await CountedTasksAsync(project, ct);
        var saved = await organisations.EmptyRolesAsync(ct);
        var emptyRoles = register.All.ToDictionary(m => m.Code, m => saved.TryGetValue(m.Code, out var n) ? n : MunicipalOrganisation.Empty.EmptyRoleCount);
        foreach (var (code, n) in saved) emptyRoles.TryAdd(code, n);
        return ProgressCalculator.For(project, tasks, today, emptyRoles, register.All.Select(m => m.Code));
    }

    /// <summary>
    /// The project's master copies in every municipality, reduced to what progress counts: origin, municipality,
    /// status, deadline, phase, theme and waves are the stored ones; every other field is empty. Not for showing.
    /// </summary>
    public async Task<IReadOnlyList<MunicipalTask>> CountedTasksAsync(string project, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT task_id, municipality, status, deadline, phase, theme, waves, revision, created_at, updated_at
            FROM rollout_tasks WHERE project = @p AND origin = @o
            """;
        cmd.With("@p", project).With("@o", TaskRows.Origin);
        var list = new List<MunicipalTask>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            if (!MunicipalTaskStatuses.TryParse(r.GetString(2), out var status))
                throw new InvalidDataException($"Task {r.GetString(0)} has the unknown status '{r.GetString(2)}'.");
            list.Add(new MunicipalTask
            {
                TaskId = r.GetString(0),
                Municipality = Kommunekode.Parse(r.GetString(1)),
                Origin = TaskOrigin.MasterCopy,
                Fields = new MasterTaskFields(project, null, 0, "", r.GetString(4), r.GetString(5), new MasterTaskPriority(null, ""), null,
                    RolloutJson.Read<List<string>>(r.GetString(6)), "", "", [], "", "", [], []),
                Status = status,
                Deadline = r.IsDBNull(3) ? null : DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Revision = r.GetInt32(7),
                CreatedAt = ClaimCodec.FromMicros(r.GetInt64(8)),
                UpdatedAt = ClaimCodec.FromMicros(r.GetInt64(9)),
            });
        }
        return list;
    }
}

/// <summary>The state progress is counted from (<see cref="ProgressStore.StampAsync"/>): equal stamps, equal counts.</summary>
public sealed record ProgressStamp(long Copies, long CopyRevisions, long Galleries, long GalleryVersions);
