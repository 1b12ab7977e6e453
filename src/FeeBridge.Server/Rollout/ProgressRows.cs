using System.Globalization;
using FeeBridge.Rollout.Municipalities;
using FeeBridge.Rollout.Progress;

namespace FeeBridge.Server.Rollout;

/// <summary>
/// One row of KOMBIT's progress export: a municipality (or the whole country: no code, no region), a breakdown
/// ("I alt", or a phase, theme or wave as <see cref="Group"/>), and its counts; empty roles only on the total row.
/// </summary>
public sealed record ProgressRow(string? Kommunekode, string Name, string? Region, string Breakdown, string Group, ProgressCounts Counts, int? EmptyRoles);

/// <summary>
/// KOMBIT's overview (CONTRACTS.md §6 <c>GET /projects/{project}/progress</c>) as rows for the CSV and Excel exports,
/// long rather than wide so a spreadsheet filters and pivots it: per municipality by code, a total row, then one row per
/// phase, theme and wave; the whole country last. Counts as the overview counts them (not-relevant tasks outside
/// done and total, see <see cref="ProgressCounts"/>).
/// </summary>
public static class ProgressRows
{
    public const string Total = "I alt";
    public const string Country = "Hele landet";

    /// <summary>The column headers, in the order of <see cref="Cells"/>.</summary>
    public static IReadOnlyList<string> Headers { get; } =
        ["Kommunekode", "Kommune", "Region", "Opdeling", "Gruppe", "Fuldført", "Gældende opgaver", "I gang", "Ikke startet", "Ikke relevant",
         "Overskredet frist", "Andel fuldført (%)", "Tomme roller"];

    /// <summary>Index of the first counted column (the ones the Excel sheet writes as numbers).</summary>
    public const int FirstNumber = 5;

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static IReadOnlyList<ProgressRow> Of(ProjectProgress progress, MunicipalityRegister register)
    {
        var rows = new List<ProgressRow>();
        foreach (var m in progress.Municipalities.OrderBy(m => m.Municipality.Value, StringComparer.Ordinal))
        {
            var known = register.Find(m.Municipality);
            rows.AddRange(Breakdown(m.Municipality.Value, known?.Name ?? m.Municipality.Value, known?.Region, m.Progress, m.EmptyRoles));
        }
        rows.AddRange(Breakdown(null, Country, null, progress.National, progress.EmptyRoles));
        return rows;
    }

    private static IEnumerable<ProgressRow> Breakdown(string? code, string name, string? region, ProgressBreakdown b, int? emptyRoles)
    {
        yield return new ProgressRow(code, name, region, Total, "", b.Totals, emptyRoles);
        foreach (var (breakdown, groups) in new[] { ("Fase", b.ByPhase), ("Tema", b.ByTheme), ("Bølge", b.ByWave) })
            foreach (var g in groups) yield return new ProgressRow(code, name, region, breakdown, g.Group, g.Counts, null);
    }

    /// <summary>
    /// Done of total in percent, rounded down to one decimal: 100 only when every task that applies is done. Null when
    /// no task applies.
    /// </summary>
    public static double? Percent(ProgressCounts c) => c.ShareDone is { } share ? Math.Floor(share * 1000) / 10 : null;

    /// <summary>The numbers of a row, in header order from <see cref="FirstNumber"/>.</summary>
    public static double?[] Numbers(ProgressRow r) =>
        [r.Counts.Done, r.Counts.Total, r.Counts.InProgress, r.Counts.NotStarted, r.Counts.NotRelevant, r.Counts.Overdue, Percent(r.Counts), r.EmptyRoles];

    /// <summary>
    /// The row as text in header order, for the CSV: numbers as Danish Excel reads them (a decimal comma; the CSV's
    /// separator is ';' for that reason).
    /// </summary>
    public static string?[] Cells(ProgressRow r) =>
        [r.Kommunekode, r.Name, r.Region, r.Breakdown, r.Group, .. Numbers(r).Select(n => n?.ToString("0.#", Danish))];
}
