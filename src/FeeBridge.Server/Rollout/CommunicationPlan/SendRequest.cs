using FeeBridge.Rollout;
using FeeBridge.Rollout.Communication.Sms;
using FeeBridge.Rollout.Organisation;

namespace FeeBridge.Server.Rollout.CommunicationPlan;

/// <summary>A send as the API and the page ask for it: e-mail to roles of the gallery and typed addresses, or SMS to numbers.</summary>
public sealed record SendBody(string? Channel, string? Subject, string? Text, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Addresses,
    IReadOnlyList<string>? Numbers, string? IdempotencyKey);

/// <summary>A checked send: the channel, what is sent, and the recipients (addresses or +45 numbers), each once.</summary>
public sealed record CheckedSend(string Channel, string? Subject, string Text, IReadOnlyList<string> Recipients);

/// <summary>
/// The rules of a send, every reason at once: e-mail needs a subject and a text and at least one recipient — the
/// people of the chosen roles of the municipality's gallery and typed addresses, each a valid address; SMS needs a
/// text of at most <see cref="MaxSmsSegments"/> parts and Danish numbers (<see cref="DanishPhoneNumber"/>); a channel
/// only when FeeBridge can send on it (a mail server, an SMS gateway).
/// </summary>
public static class SendRequest
{
    public const int MaxRecipients = 2000;
    public const int MaxSmsSegments = 6;

    public static Outcome<CheckedSend> Check(SendBody body, MunicipalOrganisation gallery, bool canMail, bool canSms)
    {
        var refusals = new List<Refusal>();
        var text = (body.Text ?? "").Trim();
        var recipients = new List<string>();
        switch (body.Channel)
        {
            case "email":
                if (!canMail) refusals.Add(new("channel", "FeeBridge har ingen mailserver sat op (FeeBridge:Mail:Host og From)."));
                var subject = (body.Subject ?? "").Trim();
                if (subject.Length == 0) refusals.Add(new("subject", "Skriv et emne."));
                else if (subject.Length > 200 || subject.Any(char.IsControl)) refusals.Add(new("subject", "Emnet må højst have 200 tegn og ingen linjeskift."));
                if (text.Length == 0) refusals.Add(new("text", "Skriv teksten."));
                else if (text.Length > 50_000) refusals.Add(new("text", "Højst 50.000 tegn."));
                var roles = body.Roles ?? [];
                for (var i = 0; i < roles.Count; i++)
                {
                    if (Roles.Find(roles[i]) is { } role) recipients.AddRange(gallery.Members(role.Role).People.Select(p => p.Email.Value));
                    else refusals.Add(new($"roles[{i}]", "Ukendt rolle i rollefordelingen."));
                }
                var addresses = body.Addresses ?? [];
                for (var i = 0; i < addresses.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(addresses[i])) continue;
                    if (EmailAddress.TryParse(addresses[i].Trim(), out var a, out _)) recipients.Add(a.Value);
                    else refusals.Add(new($"addresses[{i}]", "Ikke en gyldig e-mailadresse."));
                }
                recipients = [.. recipients.Distinct(StringComparer.OrdinalIgnoreCase)];
                if (refusals.Count == 0 && recipients.Count == 0) refusals.Add(new("roles", "Vælg en rolle med personer, eller skriv mindst én adresse."));
                return Done(refusals, recipients, new CheckedSend("email", subject, text, recipients));
            case "sms":
                if (!canSms) refusals.Add(new("channel", "FeeBridge har ingen SMS-udbyder sat op."));
                if (text.Length == 0) refusals.Add(new("text", "Skriv SMS-teksten."));
                else if (SmsCounter.Count(text).Segments > MaxSmsSegments) refusals.Add(new("text", $"Højst {MaxSmsSegments} SMS-dele."));
                var numbers = body.Numbers ?? [];
                for (var i = 0; i < numbers.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(numbers[i])) continue;
                    if (DanishPhoneNumber.TryParse(numbers[i], out var n, out var why)) recipients.Add(n.E164);
                    else refusals.Add(new($"numbers[{i}]", why!));
                }
                recipients = [.. recipients.Distinct(StringComparer.Ordinal)];
                if (refusals.Count == 0 && recipients.Count == 0) refusals.Add(new("numbers", "Skriv mindst ét telefonnummer."));
                return Done(refusals, recipients, new CheckedSend("sms", null, text, recipients));
            default:
                return Outcome<CheckedSend>.Refuse("channel", "Kanalen skal være email eller sms.");
        }
    }

    private static Outcome<CheckedSend> Done(List<Refusal> refusals, List<string> recipients, CheckedSend send)
    {
        if (recipients.Count > MaxRecipients) refusals.Add(new("recipients", $"Højst {MaxRecipients} modtagere pr. afsendelse."));
        return refusals.Count > 0 ? Outcome<CheckedSend>.Refuse(refusals) : Outcome<CheckedSend>.Accept(send);
    }
}
