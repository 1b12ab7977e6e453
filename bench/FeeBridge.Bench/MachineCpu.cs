using System.Globalization;

namespace FeeBridge.Bench;

/// <summary>
/// The whole machine's CPU time (Linux <c>/proc/stat</c>): how busy FeeBridge, PostgreSQL, the sandbox and the load
/// generator kept the cores together. Near 100 % a run was bound by the CPU; well below, by waiting (commits, latency).
/// </summary>
public readonly record struct MachineCpu(long BusyTicks, long AllTicks)
{
    public static MachineCpu Now()
    {
        if (!File.Exists("/proc/stat")) return default;
        // cpu  user nice system idle iowait irq softirq steal …
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var busy = f[0] + f[1] + f[2] + f[5] + f[6] + f[7];
        return new MachineCpu(busy, busy + f[3] + f[4]);
    }

    /// <summary>The share of all cores' time spent busy since <paramref name="start"/>.</summary>
    public double BusySince(MachineCpu start) =>
        AllTicks == start.AllTicks ? double.NaN : (double)(BusyTicks - start.BusyTicks) / (AllTicks - start.AllTicks);
}
