namespace FeeBridge.Server.Tests.Infrastructure;

/// <summary>
/// A municipality whose debtor system never answers: nothing listens on the discard port, so every shipment fails at
/// once, retries come quickly, and the circuit, once open, rests for ten minutes (longer than any test).
/// </summary>
public static class DeadDebtorSystem
{
    public static Dictionary<string, string> Settings(string municipality = "101") => new()
    {
        [$"FeeBridge:DebtorSystems:{municipality}:Endpoint"] = "http://127.0.0.1:9/sf1590",
        [$"FeeBridge:DebtorSystems:{municipality}:TimeoutSeconds"] = "1",
        ["FeeBridge:Dispatcher:BackoffBaseMilliseconds"] = "10",
        ["FeeBridge:Dispatcher:MaxBackoffSeconds"] = "1",
        ["FeeBridge:Dispatcher:CircuitRestSeconds"] = "600",
        ["FeeBridge:Dispatcher:PollMilliseconds"] = "20",
    };
}
