using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Rollout;

/// <summary>A rollout project's definition (phases, themes, waves, priority scale — data, not code) as the rollout writes it.</summary>
public sealed record StoredProject(string ProjectId, string DefinitionJson, DateTimeOffset UpdatedAt);

/// <summary>
/// The rollout's own store (DESIGN.md: one store per face, one migration sequence per bounded context). It shares
/// the database with the ledger but none of its tables, and its schema grows in <see cref="Sequence"/>, recorded in
/// <c>rollout_schema_migrations</c>.
/// </summary>
public sealed class RolloutStore(StoreDialect dialect)
{
    public static readonly MigrationSequence Sequence = new("the rollout", "rollout_schema_migrations",
    [
        (1, """
            -- A project's definition as JSON: the rollout's model owns its shape, the store only keeps it.
            CREATE TABLE rollout_projects (
                project_id         TEXT PRIMARY KEY,
                definition         TEXT NOT NULL,
                updated_at         {int64} NOT NULL
            );
            """, null),
    ]);

    public async Task SaveProjectAsync(string projectId, string definitionJson, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = await dialect.BeginWriteAsync("rollout-project:" + projectId, ct);
        await using var cmd = scope.Command("""
            INSERT INTO rollout_projects (project_id, definition, updated_at) VALUES (@p, @d, @t)
            ON CONFLICT (project_id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
            """);
        cmd.With("@p", projectId).With("@d", definitionJson).With("@t", ClaimCodec.ToMicros(now));
        await cmd.ExecuteNonQueryAsync(ct);
        await scope.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<StoredProject>> ProjectsAsync(CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT project_id, definition, updated_at FROM rollout_projects ORDER BY project_id";
        var list = new List<StoredProject>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(new StoredProject(r.GetString(0), r.GetString(1), ClaimCodec.FromMicros(r.GetInt64(2))));
        return list;
    }
}
