using System.Text.Json;
using FeeBridge.Persistence;
using FeeBridge.Persistence.Rollout;
using FeeBridge.Persistence.Security;
using FeeBridge.Rollout;
using FeeBridge.Rollout.Organisation;
using FeeBridge.Rollout.Workspace;
using FeeBridge.Server.Tests.Infrastructure;

namespace FeeBridge.Server.Tests.Storage;

/// <summary>
/// A migrated store on a fresh database of one kind (a new SQLite file, or a new PostgreSQL database), without a web
/// host: the rollout store's tests need only the store.
/// </summary>
public sealed class RolloutTestStore : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private RolloutTestStore(FeeBridgeStore store, string dataDirectory)
    {
        Store = store;
        _dataDirectory = dataDirectory;
    }

    public FeeBridgeStore Store { get; }
    public RolloutStore Rollout => Store.Rollout;

    public static async Task<RolloutTestStore> OpenAsync(StoreKind kind)
    {
        var dataDirectory = TestStores.NewDataDirectory();
        var connection = kind == StoreKind.Postgres ? TestStores.NewPostgresDatabase() : null;
        var store = FeeBridgeStore.Open(connection, dataDirectory, new CprProtector(new byte[32]));
        await store.MigrateAsync(CancellationToken.None);
        return new RolloutTestStore(store, dataDirectory);
    }

    public async Task<int> ExecAsync(string sql)
    {
        await using var c = await Store.Dialect.OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var c = await Store.Dialect.OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every text value of every row of a table, for "the secret is not in the database" checks.</summary>
    public async Task<IReadOnlyList<string>> TextValuesAsync(string table)
    {
        await using var c = await Store.Dialect.OpenAsync(CancellationToken.None);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT * FROM {table}";
        var values = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            for (var i = 0; i < r.FieldCount; i++)
            {
                if (!r.IsDBNull(i)) values.Add(Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
        }
        return values;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Master tasks, people and helpers the rollout store tests share.</summary>
internal static class RolloutSamples
{
    public const string Project = "fbs-debitorintegration";
    public static readonly Kommunekode Koebenhavn = Kommunekode.Parse("101");
    public static readonly Kommunekode Aarhus = Kommunekode.Parse("751");
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly DateOnly Today = new(2026, 3, 10);
    public static readonly EmailAddress Anne = EmailAddress.Parse("anne.hansen@kk.dk");
    public static readonly TaskActor Kombit = new("kombit@kombit.dk", T0);

    public static TaskActor By(string who, DateTimeOffset at) => new(who, at);

    /// <summary>Task 23 "Etabler organisering" (sources/003) as master task fields.</summary>
    public static MasterTaskFields Task23(string? id = "23", string title = "Etabler organisering", string phase = "Fase 2: Forberedelse",
        string[]? waves = null) => new(
        Project, id, 1, title, phase, "Organisering og arbejdsgange",
        new MasterTaskPriority(3, "anbefalet"), true, waves ?? ["FBS – testbølge"],
        "Målet med denne opgave er at få etableret en fornuftig organisering af arbejdet.",
        "Implementeringen af ØiR i forbindelse med FBS går ud på at etablere en integration.",
        ["Afklar den ønskede organisering.", "Markér opgaven som fuldført."],
        "At kommunen har fastlagt hvilke medarbejdere og kompetencer, der er behov for at inddrage og hvornår.",
        "Projektleder", ["Projektejer", "ØiR-koordinator"], []);

    /// <summary>A fingerprint of the fields as the caller would give it (here: of their JSON).</summary>
    public static string Fingerprint(MasterTaskFields fields) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(fields with { Version = 0 })));

    public static async Task<MasterTaskImport> ImportAsync(RolloutStore store, MasterTaskFields fields, TaskActor? by = null)
    {
        var outcome = await store.MasterTasks.ImportAsync(Project, fields, Fingerprint(fields), by ?? Kombit, CancellationToken.None);
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        return outcome.Value!;
    }

    /// <summary>The change of a command that must be accepted.</summary>
    public static TaskChange Accepted(Outcome<TaskChange> outcome)
    {
        outcome.IsAccepted.ShouldBeTrue(outcome.ToString());
        return outcome.Value!;
    }

    /// <summary>Stores a change that must be written, and returns the task as stored.</summary>
    public static async Task<MunicipalTask> WrittenAsync(RolloutStore store, Outcome<TaskChange> outcome)
    {
        var write = await store.Tasks.ApplyAsync(Accepted(outcome), CancellationToken.None);
        write.Outcome.ShouldBe(TaskWriteOutcome.Written, write.Problem);
        return write.Task!;
    }

    public static async Task<MunicipalTask> CopyAsync(RolloutStore store, Kommunekode municipality, MasterTaskFields master) =>
        (await store.Tasks.FindAsync(municipality, MunicipalTaskIds.Copy(municipality, Project, MasterTaskKey.Of(master)), CancellationToken.None)).ShouldNotBeNull();

    /// <summary>Anne is projektleder (primary).</summary>
    public static MunicipalOrganisation Gallery() => OrganisationValidation.Validate(new OrganisationDraft(
        [new RoleDraft("projektleder", [new PersonDraft("Anne Hansen", "Anne.Hansen@kk.dk", true)])], [])).Value!;

    /// <summary>A value's JSON, for comparing records that hold lists (a record compares lists by reference).</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
