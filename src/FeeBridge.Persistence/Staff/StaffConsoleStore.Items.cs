using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Staff;

/// <summary>A queue row as it is now, for checking a resolution against it.</summary>
/// <param name="Owner">The municipality (inbox, outbox) or the agency (notices) the row belongs to.</param>
/// <param name="Reference">A notice's target, a handling's kind, a report's type.</param>
/// <param name="Amount">A report's amount (<c>Beloeb</c>); zero for the others.</param>
public sealed record QueueRow(string Owner, string State, long Version, string? AgencyId, string? ClaimId, string? Reference, Money Amount);

public sealed partial class StaffConsoleStore
{
    /// <summary>A debtor-system report of the inbox.</summary>
    public Task<QueueRow?> ReportRowAsync(long id, CancellationToken ct) =>
        RowAsync("SELECT municipality, state, 0, agency_id, claim_id, type, beloeb_ore FROM inbox WHERE id = @id", id, ct);

    /// <summary>A notice for the library side.</summary>
    public Task<QueueRow?> NoticeRowAsync(long id, CancellationToken ct) =>
        RowAsync("SELECT agency_id, state, attempts, agency_id, claim_id, target, 0 FROM notices WHERE id = @id", id, ct);

    /// <summary>A handling of the outbox.</summary>
    public Task<QueueRow?> HandlingRowAsync(long id, CancellationToken ct) =>
        RowAsync("SELECT municipality, state, attempts, agency_id, claim_id, kind, 0 FROM outbox WHERE id = @id", id, ct);

    private async Task<QueueRow?> RowAsync(string sql, long id, CancellationToken ct)
    {
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.With("@id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new QueueRow(r.GetString(0), r.GetString(1), Convert.ToInt64(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
            r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
            Money.FromOre(Convert.ToInt64(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)));
    }
}
