using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FeeBridge.Application.Rollout;

/// <summary>What became of one mail: taken by the server, or its recipient refused for good (an SMTP 5xx) and why.</summary>
public sealed record MailDelivery(bool Accepted, string? Refusal)
{
    public static MailDelivery Taken { get; } = new(true, null);
    public static MailDelivery Refused(string reason) => new(false, reason);
}

/// <summary>
/// One connection to the configured SMTP server (<see cref="MailOptions"/>) for a round of mails, opened on the first
/// mail. A recipient the server refuses permanently (5xx at RCPT) is an answer, <see cref="MailDelivery.Refused"/>;
/// anything else — the server unreachable, a 4xx "try later", a timeout — throws, and the mail is tried again later.
/// </summary>
public sealed class SmtpMailer(MailOptions options) : IAsyncDisposable
{
    private readonly SmtpClient _client = new() { Timeout = options.TimeoutSeconds * 1000 };

    public async Task<MailDelivery> SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            await _client.ConnectAsync(options.Host ?? throw new InvalidOperationException("FeeBridge:Mail:Host is not set."), options.Port, SocketOptions(options), ct);
            if (!string.IsNullOrEmpty(options.Username)) await _client.AuthenticateAsync(options.Username, options.Password ?? "", ct);
        }
        try
        {
            await _client.SendAsync(message, ct);
            return MailDelivery.Taken;
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            // The server's own words (e.g. "550 5.1.1 No such mailbox"): what the municipality is shown.
            return MailDelivery.Refused(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(int)e.StatusCode} {e.Message}"));
        }
    }

    // TLS on port 465 from the first byte (RFC 8314), otherwise STARTTLS, required: a reminder never goes out in clear when TLS is asked for.
    private static SecureSocketOptions SocketOptions(MailOptions o) =>
        !o.UseTls ? SecureSocketOptions.None : o.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try { await _client.DisconnectAsync(quit: true); } catch (Exception e) when (e is IOException or MailKit.ProtocolException or OperationCanceledException) { }
        }
        _client.Dispose();
    }
}
