namespace FeeBridge.Application.Rollout.Sending;

/// <summary>What the provider said to a submitted SMS: taken (with its id for status), or refused and why.</summary>
public sealed record SmsSubmission(bool Accepted, string? ProviderId, string? Refusal);

/// <summary>An SMS's state as the provider reports it.</summary>
public enum SmsReportState { Pending, Delivered, Failed }

/// <summary>The provider's latest report on one SMS; <see cref="Reason"/> with a failure.</summary>
public sealed record SmsReport(SmsReportState State, string? Reason);

/// <summary>
/// An SMS gateway as FeeBridge uses one: submit a text to a number (taken or refused at once), then learn later
/// whether it was delivered — by asking (<see cref="StatusAsync"/>), as every gateway allows beside its callbacks.
/// <paramref name="reference"/> in <see cref="SubmitAsync"/> is FeeBridge's id of the delivery: gateways take a client
/// reference and answer a repeat with the first submission, which is what makes a resend after a crash harmless.
/// </summary>
public interface ISmsProvider
{
    /// <summary>The provider's name, as the send record shows it.</summary>
    string Name { get; }

    /// <param name="number">E.164, e.g. <c>+4520123456</c>.</param>
    Task<SmsSubmission> SubmitAsync(string number, string text, string reference, CancellationToken ct);

    Task<SmsReport> StatusAsync(string providerId, CancellationToken ct);
}
