namespace FeeBridge.Bench;

public sealed record BenchOptions(string Scenario, int Claims, int Clients, string? PostgresAdmin, string[] Stores, int Events, int Payments, int Rate, int Seconds, int ThinkMs)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        return new BenchOptions(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "",
            int.Parse(Value("--claims") ?? "100000"),
            int.Parse(Value("--clients") ?? "8"),
            Value("--postgres"),
            (Value("--stores") ?? "postgres,sqlite").Split(','),
            int.Parse(Value("--events") ?? "200000"),
            int.Parse(Value("--payments") ?? "1000"),
            int.Parse(Value("--rate") ?? "0"),
            int.Parse(Value("--seconds") ?? "60"),
            int.Parse(Value("--think-ms") ?? "0"));
    }
}
