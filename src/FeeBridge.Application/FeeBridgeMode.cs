namespace FeeBridge.Application;

/// <summary>
/// What a FeeBridge process is: a sandbox (the stand-ins, seeded test data, a development CPR key) or production.
/// Read once at start (<see cref="FeeBridgeModes.Read"/>); everything else asks <see cref="FeeBridgeOptions.IsSandbox"/>.
/// </summary>
public enum FeeBridgeMode
{
    Production,
    Sandbox,
}

public static class FeeBridgeModes
{
    public const string Setting = "FeeBridge:Mode";

    /// <summary>
    /// The one place the mode is decided. Unset means what the host is: the sandbox host is a sandbox, the deployable
    /// server is production. Any other value than the two names — a typo such as <c>Prod</c> — stops the start, since
    /// guessing either way is wrong: a production store with stand-ins, or a sandbox where production was meant.
    /// </summary>
    /// <param name="hasStandIns">Whether this host composes the stand-ins (only the sandbox host does).</param>
    public static FeeBridgeMode Read(IConfiguration configuration, bool hasStandIns)
    {
        var text = configuration[Setting];
        var mode = string.IsNullOrWhiteSpace(text) ? (hasStandIns ? FeeBridgeMode.Sandbox : FeeBridgeMode.Production)
            : string.Equals(text, nameof(FeeBridgeMode.Sandbox), StringComparison.OrdinalIgnoreCase) ? FeeBridgeMode.Sandbox
            : string.Equals(text, nameof(FeeBridgeMode.Production), StringComparison.OrdinalIgnoreCase) ? FeeBridgeMode.Production
            : throw new InvalidOperationException($"{Setting} is '{Printable(text)}'; it must be 'Sandbox' or 'Production'.");
        if (mode == FeeBridgeMode.Sandbox && !hasStandIns)
            throw new InvalidOperationException(
                $"{Setting} is 'Sandbox', but this host has no stand-ins: run the sandbox host (dotnet run --project src/FeeBridge.SandboxHost), or set 'Production'.");
        if (mode == FeeBridgeMode.Production && hasStandIns)
            throw new InvalidOperationException(
                $"{Setting} is 'Production', but this is the sandbox host: deploy src/FeeBridge.Server, which holds none of the stand-ins.");
        return mode;
    }

    // A configuration value is the operator's own text, but keep the message one short line.
    private static string Printable(string text) =>
        new([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);
}
