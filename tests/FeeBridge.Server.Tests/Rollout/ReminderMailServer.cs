using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace FeeBridge.Server.Tests.Rollout;

/// <summary>
/// The throwaway exim that scripts/smtp.sh starts (FEEBRIDGE_TEST_SMTP_PORT, FEEBRIDGE_TEST_MAILDIR): real SMTP, every
/// message in one maildir, recipients whose local part starts with "bounce" refused with a 550. Tests tell their mail
/// apart by recipient, so they give each person an address of their own.
/// </summary>
public static class ReminderMailServer
{
    public static int Port => int.Parse(Variable("FEEBRIDGE_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An address no other test uses, on a domain exim takes; <paramref name="prefix"/> "bounce" gets it refused.</summary>
    public static string NewAddress(string prefix = "person") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)] + "@kommune.dk";

    /// <summary>Mail settings for a FeeBridge process: this server, rounds every second, a lease of <paramref name="leaseSeconds"/>, due from midnight.</summary>
    public static Dictionary<string, string> Settings(int port, int leaseSeconds = 2) => new()
    {
        ["FeeBridge:Mail:Host"] = "127.0.0.1",
        ["FeeBridge:Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FeeBridge:Mail:From"] = "FeeBridge <feebridge@kommune.dk>",
        ["FeeBridge:Mail:UseTls"] = "false",
        ["FeeBridge:Mail:TimeoutSeconds"] = "60",
        ["FeeBridge:Mail:Reminders:IntervalSeconds"] = "1",
        ["FeeBridge:Mail:Reminders:LeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FeeBridge:Mail:Reminders:SendFrom"] = "00:00",
        ["FeeBridge:Mail:Reminders:DaysBefore"] = "3,0",
        ["FeeBridge:Mail:Reminders:PublicBaseUrl"] = "https://feebridge.kommune.dk",
    };

    /// <summary>The messages delivered to <paramref name="address"/> so far.</summary>
    public static IReadOnlyList<MimeMessage> MessagesTo(string address)
    {
        var maildir = Variable("FEEBRIDGE_TEST_MAILDIR");
        return [.. new[] { "new", "cur" }.Select(d => Path.Combine(maildir, d)).Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    private static string Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
        ? v
        : throw new InvalidOperationException($"{name} is not set. Run the tests after `source scripts/smtp.sh` (./test.sh does).");
}

/// <summary>A "mail server" that takes connections and never says a word: a sender is stuck right after it recorded a reminder.</summary>
public sealed class SilentMailServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SilentMailServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Completes when a sender connected.</summary>
    public Task Connected => _connected.Task;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_held) _held.Add(client);
                _connected.TrySetResult();
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_held) foreach (var c in _held) c.Dispose();
    }
}
