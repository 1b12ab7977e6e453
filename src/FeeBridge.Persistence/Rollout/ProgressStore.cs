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
/// counting itself is the calculator's.
/// </summary>
public sealed class ProgressStore(StoreDialect dialect, OrganisationStore organisations, MunicipalityRegister register)
{
    /// <summary>
    /// The project's progress on <paramref name="today"/>, listing every municipality of the register. A municipality
    /// that has saved no gallery counts every role as empty (<see cref="MunicipalOrganisation.Empty"/>): nobody is
    /// registered, so KOMBIT's mails reach nobody there.
    /// </summary>
    public async Task<ProjectProgress> ProgressAsync(string project, DateOnly today, CancellationToken ct)
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
