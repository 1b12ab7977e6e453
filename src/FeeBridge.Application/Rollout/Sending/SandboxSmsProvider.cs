using System.Collections.Concurrent;
using System.Globalization;

namespace FeeBridge.Application.Rollout.Sending;

/// <summary>
/// The sandbox's SMS gateway (registered only in sandbox mode; a deployment configures a real one): it behaves like a
/// gateway — it takes a text at once, and reports on it later, after <see cref="ReportAfter"/>: delivered, or failed
/// for numbers ending in 0000 ("the number is not in use"). Numbers ending in 9999 it refuses at once ("blocked").
/// A repeated reference gets the first submission back, as a gateway's client reference does. The id carries when it
/// was taken and how it will end, so a restarted sandbox still answers for SMS taken before.
/// </summary>
public sealed class SandboxSmsProvider(TimeProvider clock) : ISmsProvider
{
    public static readonly TimeSpan ReportAfter = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, string> _byReference = new(StringComparer.Ordinal);

    public string Name => "sandbox";

    public Task<SmsSubmission> SubmitAsync(string number, string text, string reference, CancellationToken ct)
    {
        if (number.EndsWith("9999", StringComparison.Ordinal)) return Task.FromResult(new SmsSubmission(false, null, "Nummeret er spærret for SMS (sandkassen)."));
        var id = _byReference.GetOrAdd(reference, _ => string.Create(CultureInfo.InvariantCulture,
            $"sbx-{clock.GetUtcNow().ToUnixTimeMilliseconds()}-{(number.EndsWith("0000", StringComparison.Ordinal) ? 'f' : 'd')}-{Guid.NewGuid():N}"));
        return Task.FromResult(new SmsSubmission(true, id, null));
    }

    public Task<SmsReport> StatusAsync(string providerId, CancellationToken ct)
    {
        var parts = providerId.Split('-');
        if (parts.Length != 4 || parts[0] != "sbx" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return Task.FromResult(new SmsReport(SmsReportState.Failed, "Ukendt hos udbyderen."));
        if (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms) < ReportAfter) return Task.FromResult(new SmsReport(SmsReportState.Pending, null));
        return Task.FromResult(parts[2] == "f"
            ? new SmsReport(SmsReportState.Failed, "Nummeret er ikke i brug.")
            : new SmsReport(SmsReportState.Delivered, null));
    }
}
