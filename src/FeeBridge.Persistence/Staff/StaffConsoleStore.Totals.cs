using FeeBridge.Persistence.Claims;
using FeeBridge.Persistence.Queues;
using FeeBridge.Persistence.Schema;

namespace FeeBridge.Persistence.Staff;

/// <summary>One day (Danish date) of what moved between FeeBridge and a municipality's debtor system.</summary>
/// <param name="Sent">Handlings created that day, by kind (<c>OpretDebitorkonto</c>, <c>NedskrivFordring</c>, …).</param>
/// <param name="Refused">Of those, refused by the debtor system.</param>
/// <param name="Reports">Reports received that day, by type (<c>covered</c>, <c>written-off</c>, …), with their sum.</param>
/// <param name="RefusedReports">Reports FeeBridge answered <c>Afvist</c>.</param>
/// <param name="Resolved">Queue items staff resolved that day, by action.</param>
public sealed record DayTotals(DateOnly Day, IReadOnlyDictionary<string, long> Sent, long Refused,
    IReadOnlyDictionary<string, (long Count, Money Sum)> Reports, long RefusedReports, IReadOnlyDictionary<string, long> Resolved);

public sealed partial class StaffConsoleStore
{
    private static readonly Column[] DayColumns = [new("day", ColumnType.Text), new("lo", ColumnType.Int64), new("hi", ColumnType.Int64)];

    /// <summary>
    /// Totals per day for the municipality, for the given days (each a Danish date with its start and end instant), in
    /// one round trip: handlings out by their creation, reports in by their arrival, resolutions by their time.
    /// </summary>
    public async Task<IReadOnlyList<DayTotals>> TotalsAsync(string municipality, IReadOnlyList<(DateOnly Day, DateTimeOffset From, DateTimeOffset To)> days,
        CancellationToken ct)
    {
        if (days.Count == 0) return [];
        var rows = new RowSet(DayColumns);
        foreach (var (day, from, to) in days) rows.Add(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ClaimCodec.ToMicros(from), ClaimCodec.ToMicros(to));
        var (lo, hi) = (ClaimCodec.ToMicros(days.Min(d => d.From)), ClaimCodec.ToMicros(days.Max(d => d.To)));
        await using var c = await dialect.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.With("@m", municipality).With("@lo", lo).With("@hi", hi);
        var source = dialect.RowSource(cmd, "d", rows);
        cmd.CommandText = $"""
            WITH d (day, lo, hi) AS ({source})
            SELECT d.day, o.kind, o.state, COUNT(*) FROM outbox o JOIN d ON o.created_at >= d.lo AND o.created_at < d.hi
            WHERE o.municipality = @m AND o.created_at >= @lo AND o.created_at < @hi GROUP BY d.day, o.kind, o.state;
            WITH d (day, lo, hi) AS ({source})
            SELECT d.day, i.type, i.state, COUNT(*), SUM(i.beloeb_ore) FROM inbox i JOIN d ON i.received_at >= d.lo AND i.received_at < d.hi
            WHERE i.municipality = @m AND i.received_at >= @lo AND i.received_at < @hi GROUP BY d.day, i.type, i.state;
            WITH d (day, lo, hi) AS ({source})
            SELECT d.day, r.action, COUNT(*) FROM staff_queue_resolutions r JOIN d ON r.at >= d.lo AND r.at < d.hi
            WHERE r.municipality = @m AND r.at >= @lo AND r.at < @hi GROUP BY d.day, r.action;
            """;
        var sent = days.ToDictionary(d => d.Day, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        var refused = days.ToDictionary(d => d.Day, _ => 0L);
        var reports = days.ToDictionary(d => d.Day, _ => new Dictionary<string, (long, Money)>(StringComparer.Ordinal));
        var refusedReports = days.ToDictionary(d => d.Day, _ => 0L);
        var resolved = days.ToDictionary(d => d.Day, _ => new Dictionary<string, long>(StringComparer.Ordinal));
        static DateOnly Day(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        static long Long(object v) => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var day = Day(r.GetString(0));
            var n = Long(r.GetValue(3));
            sent[day][r.GetString(1)] = sent[day].GetValueOrDefault(r.GetString(1)) + n;
            if (QueueStates.Is(r.GetString(2), OutboxState.Rejected)) refused[day] += n;
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var day = Day(r.GetString(0));
            var (n, sum) = (Long(r.GetValue(3)), Long(r.GetValue(4)));
            if (QueueStates.Is(r.GetString(2), InboxState.Refused)) { refusedReports[day] += n; continue; }
            var (had, total) = reports[day].GetValueOrDefault(r.GetString(1));
            reports[day][r.GetString(1)] = (had + n, total + Money.FromOre(sum));
        }
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct)) resolved[Day(r.GetString(0))][r.GetString(1)] = Long(r.GetValue(2));
        return [.. days.Select(d => new DayTotals(d.Day, sent[d.Day], refused[d.Day], reports[d.Day], refusedReports[d.Day], resolved[d.Day]))];
    }
}
