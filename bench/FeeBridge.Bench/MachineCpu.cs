using System.Globalization;

namespace FeeBridge.Bench;

/// <summary>
/// The whole machine's CPU time (Linux <c>/proc/stat</c>): what FeeBridge, PostgreSQL, the sandbox and the load generator
/// spent together, and what the host gave to its other guests instead (steal). On a shared machine the rate moves with
/// the neighbours; the CPU spent per claim moves much less, so it is what compares two builds.
/// </summary>
public readonly record struct MachineCpu(long BusyTicks, long StealTicks, long AllTicks)
{
    private const double MsPerTick = 10; // USER_HZ is 100 on Linux

    public static MachineCpu Now()
    {
        if (!File.Exists("/proc/stat")) return default;
        // cpu  user nice system idle iowait irq softirq steal …
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = f[0] + f[1] + f[2] + f[5] + f[6];
        return new MachineCpu(busy, f[7], busy + f[3] + f[4] + f[7]);
    }

    /// <summary>Busy CPU milliseconds per item since <paramref name="start"/>, and the share of time stolen.</summary>
    public (double MsPerItem, double StealShare) Since(MachineCpu start, int items) =>
        AllTicks == start.AllTicks
            ? (double.NaN, double.NaN)
            : ((BusyTicks - start.BusyTicks) * MsPerTick / items, (double)(StealTicks - start.StealTicks) / (AllTicks - start.AllTicks));
}
