using System.Globalization;

namespace FeeBridge.Bench;

/// <summary>
/// CPU time by process (Linux <c>/proc/[pid]/stat</c>: user + system), to say how much of a run's work each side did:
/// the server, and PostgreSQL (every process named <c>postgres</c>). Per unit of work this is far steadier between
/// runs than a rate, which moves with whatever else the machine does, so it is what tells two builds apart.
/// </summary>
public sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly Dictionary<int, (string Name, long Ticks)> _at;

    private ProcessCpu(Dictionary<int, (string Name, long Ticks)> at) => _at = at;

    public static ProcessCpu Now()
    {
        var at = new Dictionary<int, (string, long)>();
        if (!Directory.Exists("/proc")) return new ProcessCpu(at);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid … utime(14) stime(15): comm may hold spaces, so split after its ')'.
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                at[pid] = (stat[(open + 1)..close], long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return new ProcessCpu(at);
    }

    /// <summary>CPU seconds the process spent since <paramref name="start"/>.</summary>
    public double SecondsSince(ProcessCpu start, int pid) =>
        _at.TryGetValue(pid, out var now) ? (now.Ticks - start._at.GetValueOrDefault(pid).Ticks) / TicksPerSecond : 0;

    /// <summary>CPU seconds all processes of that name spent since <paramref name="start"/> (those started meanwhile in full).</summary>
    public double SecondsSince(ProcessCpu start, string name) =>
        _at.Where(p => p.Value.Name == name)
            .Sum(p => p.Value.Ticks - (start._at.TryGetValue(p.Key, out var s) && s.Name == name ? s.Ticks : 0)) / TicksPerSecond;
}
